import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ReceiptCodeForm } from "~/components/results/receipt-code-form";
import { getTranslator } from "~/lib/i18n/server";
import { ZReceiptCodeInput } from "~/lib/schemas/vote";
import { getServerCaller } from "~/server/api/server-caller";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("results.tracker.checkTitle") };
}

/**
 * The short check address a delegate copies from the receipt: `/r/<receipt code>`. Once the
 * record is published it leads to that ballot on its results page. Until then it says when
 * it will work — the same whether or not the code exists, so it tells nobody anything early.
 */
export default async function ReceiptCheckPage({ params }: { params: Promise<{ code: string }> }) {
  const [{ t }, { code }] = await Promise.all([getTranslator(), params]);
  const typed = safeDecode(code).trim();
  const input = ZReceiptCodeInput.safeParse({ tracker: typed });
  const found = input.success ? await (await getServerCaller()).public.findReceipt(input.data) : null;
  const only = found?.polls.length === 1 ? found.polls[0]! : null;
  if (found && only) redirect(`/results/${only.pollId}?tracker=${encodeURIComponent(found.tracker)}`);
  return (
    <section className="panel mx-auto flex w-full max-w-xl flex-col gap-4">
      <h1 className="text-2xl font-bold">{t("results.tracker.checkTitle")}</h1>
      {found && found.polls.length === 0 && (
        <div role="status" className="flex flex-col gap-2 rounded-lg border-2 border-stone-400 bg-stone-50 p-3">
          <p className="text-lg font-semibold">{t("results.tracker.notYet", { tracker: found.tracker })}</p>
          <p className="text-lg">{t("results.tracker.notYetHint")}</p>
        </div>
      )}
      {found && found.polls.length > 1 && (
        <div className="flex flex-col gap-2">
          <p className="text-lg">{t("results.tracker.several", { tracker: found.tracker })}</p>
          <ul className="flex flex-col gap-2">
            {found.polls.map((p) => (
              <li key={p.pollId}>
                <Link
                  href={`/results/${p.pollId}?tracker=${encodeURIComponent(found.tracker)}`}
                  className="flex min-h-11 items-center text-lg font-semibold text-blue-800 underline underline-offset-4"
                >
                  {p.title}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      )}
      <p className="text-lg">{t("results.tracker.intro")}</p>
      <ReceiptCodeForm action="/r" name="code" value={found?.tracker ?? typed} invalid={!input.success} t={t} />
    </section>
  );
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
