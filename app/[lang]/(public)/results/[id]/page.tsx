import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ReceiptCodeForm } from "~/components/results/receipt-code-form";
import { PollResultTable, ResultNotes } from "~/components/secretariat/poll-result-table";
import { ResultCode } from "~/components/poll/result-code";
import { formatDateTime } from "~/lib/format";
import { getTranslator } from "~/lib/i18n/server";
import type { Translate } from "~/lib/i18n/translate";
import { ZId } from "~/lib/schemas/common";
import { ZChoice, ZTrackerLookupInput, type TPollView } from "~/lib/schemas/vote";
import { getServerCaller } from "~/server/api/server-caller";

/** Published polls only: anything else (or a bad id) is simply not found. */
async function load(id: string): Promise<TPollView> {
  if (!ZId.safeParse(id).success) notFound();
  const caller = await getServerCaller();
  return caller.public.result({ pollId: id }).catch(() => notFound());
}

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const [{ t }, poll] = await Promise.all([getTranslator(), load((await params).id)]);
  return { title: `${poll.title} · ${t("results.title")}` };
}

function Figure({ label, value }: { label: string; value: number | null }) {
  return (
    <div className="panel">
      <dt className="text-base text-muted">{label}</dt>
      <dd className="text-3xl font-bold tabular-nums">{value ?? "—"}</dd>
    </div>
  );
}

function choiceText(choice: string | undefined, t: Translate): string {
  const parsed = ZChoice.safeParse(choice);
  if (!parsed.success) return choice === undefined ? t("results.notVoted") : choice;
  return parsed.data === "FOR" ? t("results.for") : parsed.data === "AGAINST" ? t("results.against") : t("results.abstain");
}

/**
 * A ballot found by its receipt code (`?tracker=`, where the short check address `/r/<code>`
 * leads), looked up on the server, so it works without JavaScript. First on the page: it is
 * what a delegate holding a receipt comes for.
 */
async function TrackerLookup({ poll, tracker, t }: { poll: TPollView; tracker: string | undefined; t: Translate }) {
  let outcome: { kind: "invalid" } | { kind: "notFound" } | { kind: "found"; choices: Record<string, string> } | null = null;
  if (tracker !== undefined && tracker.trim() !== "") {
    const input = ZTrackerLookupInput.safeParse({ pollId: poll.id, tracker });
    if (!input.success) outcome = { kind: "invalid" };
    else {
      const res = await (await getServerCaller()).public.lookupTracker(input.data).catch(() => null);
      outcome = res?.found && res.choices ? { kind: "found", choices: res.choices } : { kind: "notFound" };
    }
  }
  return (
    <section aria-labelledby="tracker-heading" className="panel flex flex-col gap-3">
      <h2 id="tracker-heading" className="text-xl font-bold">
        {t("results.tracker.heading")}
      </h2>
      <p className="text-base">{t("results.tracker.intro")}</p>
      <ReceiptCodeForm
        action={`/results/${poll.id}#tracker-heading`}
        name="tracker"
        value={tracker ?? ""}
        invalid={outcome?.kind === "invalid"}
        t={t}
      />
      {outcome?.kind === "notFound" && (
        <p role="status" className="rounded-lg border-2 border-stone-400 bg-stone-50 p-3 text-lg font-semibold">
          {t("results.tracker.notFound", { tracker: tracker?.trim().toUpperCase() ?? "" })}
        </p>
      )}
      {outcome?.kind === "found" && (
        <div role="status" className="flex flex-col gap-2">
          <p className="text-lg font-semibold text-green-900">
            {t("results.tracker.found", { tracker: tracker?.trim().toUpperCase() ?? "" })}
          </p>
          <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={t("results.tracker.tableCaption")}>
            <table className="w-full text-left text-base">
              <caption className="sr-only">{t("results.tracker.tableCaption")}</caption>
              <thead>
                <tr className="border-b-2 border-stone-300">
                  <th scope="col" className="py-2 pr-2">
                    {t("results.project")}
                  </th>
                  <th scope="col" className="whitespace-nowrap py-2">
                    {t("results.tracker.choice")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {poll.candidates.map((c) => (
                  <tr key={c.id} className="border-b border-stone-200">
                    <th scope="row" className="py-2 pr-2 font-normal">
                      {c.position}. {c.title}
                    </th>
                    <td className="whitespace-nowrap py-2 font-semibold">{choiceText(outcome.choices[c.id], t)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
}

export default async function ResultPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ tracker?: string | string[] }>;
}) {
  const [{ t, locale }, poll, query] = await Promise.all([getTranslator(), params.then((p) => load(p.id)), searchParams]);
  const tracker = Array.isArray(query.tracker) ? query.tracker[0] : query.tracker;
  const result = poll.result;
  const figures: [string, number | null][] = [
    [t("results.seated"), poll.seated],
    [t("results.present"), poll.present],
    [t("results.issued"), poll.issued],
    [t("results.returned"), poll.returned],
    [t("results.valid"), result?.valid ?? null],
    [t("results.invalid"), result?.invalid ?? null],
  ];
  const kindText =
    poll.kind === "EQUAL"
      ? t("results.kindEqual")
      : t("results.kindCompetitive", { candidates: poll.candidates.length, seats: poll.seats });
  return (
    <article className="flex flex-col gap-6">
      <Link href="/" className="btn-secondary self-start">
        ← {t("common.back")}
      </Link>
      <header>
        <p className="text-lg text-muted">{t("results.title")}</p>
        <h1 className="text-2xl font-bold leading-tight sm:text-3xl">{poll.title}</h1>
        <p className="mt-2 text-base">
          {kindText} · {t("results.basisLine", { basis: t(`results.basis.${poll.basis}`) })}
        </p>
        {poll.publishedAt && (
          <p className="text-base text-muted">{t("results.publishedAt", { time: formatDateTime(poll.publishedAt, t, locale) })}</p>
        )}
      </header>

      <TrackerLookup poll={poll} tracker={tracker} t={t} />

      <section aria-labelledby="figures-heading">
        <h2 id="figures-heading" className="mb-2 text-xl font-bold">
          {t("results.figuresHeading")}
        </h2>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
          {figures.map(([label, value]) => (
            <Figure key={label} label={label} value={value} />
          ))}
        </dl>
      </section>

      <section aria-labelledby="candidates-heading" className="panel flex flex-col gap-3">
        <h2 id="candidates-heading" className="text-xl font-bold">
          {t("results.candidatesHeading")}
        </h2>
        <p className="text-base text-muted">{t("results.notVotedNote")}</p>
        <PollResultTable view={poll} t={t} caption={t("results.candidatesHeading")} />
        <ResultNotes view={poll} t={t} />
        {poll.signoffs.length > 0 && (
          <p className="text-base">
            {t("results.certifiedBy", { names: poll.signoffs.map((s) => s.delegateName).join(t("results.listSeparator")) })}
          </p>
        )}
      </section>

      <section aria-labelledby="record-heading" className="panel flex flex-col gap-3">
        <h2 id="record-heading" className="text-xl font-bold">
          {t("results.record.heading")}
        </h2>
        <p className="text-base">{t("results.record.intro")}</p>
        <a href={`/api/polls/${poll.id}/record`} download className="btn-secondary self-start">
          {t("results.record.download")}
        </a>
        {poll.resultHash && (
          <div>
            <h3 className="font-bold">{t("common.resultCode")}</h3>
            <ResultCode hash={poll.resultHash} hint={t("results.record.hashHint")} t={t} />
          </div>
        )}
      </section>
    </article>
  );
}
