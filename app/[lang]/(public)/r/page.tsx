import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ReceiptCodeForm } from "~/components/results/receipt-code-form";
import { getTranslator } from "~/lib/i18n/server";
import { receiptCheckPath } from "~/lib/receipt-address";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("results.tracker.checkTitle") };
}

/** `/r`: where a receipt code is typed in; the form leads to its short check address, `/r/<code>`. */
export default async function ReceiptCodeEntryPage({ searchParams }: { searchParams: Promise<{ code?: string | string[] }> }) {
  const [{ t }, query] = await Promise.all([getTranslator(), searchParams]);
  const code = (Array.isArray(query.code) ? query.code[0] : query.code)?.trim();
  if (code) redirect(receiptCheckPath(code));
  return (
    <section className="panel mx-auto flex w-full max-w-xl flex-col gap-4">
      <h1 className="text-2xl font-bold">{t("results.tracker.checkTitle")}</h1>
      <p className="text-lg">{t("results.tracker.intro")}</p>
      <ReceiptCodeForm action="/r" name="code" value="" invalid={false} t={t} />
    </section>
  );
}
