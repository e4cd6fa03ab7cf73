import type { Translate } from "~/lib/i18n/translate";
import type { TPollView } from "~/lib/schemas/vote";
import { candidateOutcome, notVoted, type Outcome } from "./candidate-outcome";

const OUTCOME_STYLE: Record<Outcome, string> = {
  passed: "bg-green-100 text-green-900 border-green-700",
  notPassed: "bg-stone-100 text-stone-800 border-stone-500",
  runoff: "bg-amber-100 text-amber-950 border-amber-700",
  notSelected: "bg-stone-100 text-stone-800 border-stone-500",
};

export function OutcomeMark({ outcome, t }: { outcome: Outcome; t: Translate }) {
  return (
    <span className={`inline-block whitespace-nowrap rounded-md border px-2 py-0.5 text-base font-semibold ${OUTCOME_STYLE[outcome]}`}>
      {t(`results.outcome.${outcome}`)}
    </span>
  );
}

/**
 * The count per candidate, in slate order. Pure (no hooks): the cockpit (client) and the
 * public result page (server) render the same table from the same view. Below `sm` the
 * same figures come as one card per candidate, so a phone never scrolls sideways.
 */
export function PollResultTable({
  view,
  t,
  caption,
}: {
  view: Pick<TPollView, "kind" | "candidates" | "result">;
  t: Translate;
  caption: string;
}) {
  const result = view.result;
  if (!result) return null;
  const byId = new Map(result.candidates.map((c) => [c.id, c]));
  const competitive = view.kind === "COMPETITIVE";
  const rows = view.candidates.flatMap((pc) => {
    const r = byId.get(pc.id);
    return r ? [{ pc, r, outcome: candidateOutcome(view.kind, r, result.runoff) }] : [];
  });
  const num = "py-2 pl-2 text-right tabular-nums";
  return (
    <>
      <table className="hidden w-full border-collapse text-left text-base sm:table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b-2 border-stone-300 whitespace-nowrap">
            <th scope="col" className="py-2 pr-2 text-right">
              {t("results.position")}
            </th>
            <th scope="col" className="py-2">
              {t("results.project")}
            </th>
            <th scope="col" className="py-2 pl-2 text-right">
              {t("results.for")}
            </th>
            <th scope="col" className="py-2 pl-2 text-right">
              {t("results.against")}
            </th>
            <th scope="col" className="py-2 pl-2 text-right">
              {t("results.abstain")}
            </th>
            <th scope="col" className="py-2 pl-2 text-right">
              {t("results.notVoted")}
            </th>
            {competitive && (
              <th scope="col" className="py-2 pl-2">
                {t("results.passedHeading")}
              </th>
            )}
            <th scope="col" className="py-2 pl-2 text-right">
              {t("results.rank")}
            </th>
            <th scope="col" className="py-2 pl-2">
              {t("results.outcomeHeading")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ pc, r, outcome }) => (
            <tr key={pc.id} className="border-b border-stone-200 align-top">
              <td className="py-2 pr-2 text-right tabular-nums">{pc.position}</td>
              <th scope="row" className="py-2 font-normal">
                {pc.title}
                <span className="block text-sm text-muted">{pc.unitName}</span>
              </th>
              <td className={`${num} font-bold`}>{r.for}</td>
              <td className={num}>{r.against}</td>
              <td className={num}>{r.abstain}</td>
              <td className={num}>{notVoted(result, r)}</td>
              {competitive && <td className="py-2 pl-2">{r.passed ? t("results.passedYes") : t("results.passedNo")}</td>}
              <td className={num}>{r.rank ?? "—"}</td>
              <td className="py-2 pl-2">
                <OutcomeMark outcome={outcome} t={t} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ol className="flex flex-col divide-y divide-stone-200 sm:hidden" aria-label={caption}>
        {rows.map(({ pc, r, outcome }) => (
          <li key={pc.id} className="py-3">
            <div className="flex items-start justify-between gap-2">
              <p className="min-w-0 font-semibold">
                <span className="tabular-nums">{pc.position}.</span> {pc.title}
              </p>
              <OutcomeMark outcome={outcome} t={t} />
            </div>
            <dl className="mt-1 grid grid-cols-3 gap-x-3 text-base">
              {(
                [
                  [t("results.for"), r.for],
                  [t("results.against"), r.against],
                  [t("results.abstain"), r.abstain],
                  [t("results.notVoted"), notVoted(result, r)],
                  [t("results.rank"), r.rank ?? "—"],
                  ...(competitive
                    ? [[t("results.passedHeading"), r.passed ? t("results.passedYes") : t("results.passedNo")] as const]
                    : []),
                ] as const
              ).map(([label, value]) => (
                <div key={label} className="flex gap-1">
                  <dt className="text-muted">{label}</dt>
                  <dd className="font-semibold tabular-nums">{value}</dd>
                </div>
              ))}
            </dl>
          </li>
        ))}
      </ol>
    </>
  );
}

/**
 * The outcome in a sentence, and what a 差额 result leaves open: tied candidates that need
 * a run-off and slots still unfilled, for which the secretariat may hold a further poll.
 */
export function ResultNotes({ view, t }: { view: Pick<TPollView, "kind" | "seats" | "candidates" | "result">; t: Translate }) {
  const result = view.result;
  if (!result) return null;
  const titles = new Map(view.candidates.map((c) => [c.id, c.title]));
  const passed = result.candidates.filter((c) => c.passed).length;
  const selected = result.candidates.filter((c) => c.selected).length;
  return (
    <div className="flex flex-col gap-2">
      <p className="text-lg font-semibold">
        {view.kind === "EQUAL"
          ? t("results.summaryEqual", { passed, failed: result.candidates.length - passed })
          : t("results.summaryCompetitive", { seats: view.seats, selected })}
      </p>
      {result.runoff.length > 0 && (
        <div className="rounded-lg border-2 border-amber-700 bg-amber-50 p-3">
          <p className="font-semibold">{t("results.runoffIntro", { count: result.runoff.length })}</p>
          <ul className="mt-1 list-disc pl-6">
            {result.runoff.map((id) => (
              <li key={id}>{titles.get(id) ?? id}</li>
            ))}
          </ul>
        </div>
      )}
      {view.kind === "COMPETITIVE" && result.unfilled > 0 && (
        <p className="rounded-lg border-2 border-stone-400 bg-stone-50 p-3 font-semibold">
          {t("results.unfilled", { count: result.unfilled })}
        </p>
      )}
    </div>
  );
}
