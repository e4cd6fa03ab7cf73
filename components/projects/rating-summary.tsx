import type { Translate } from "~/lib/i18n/translate";
import { percentOf } from "./figures";

export const GRADE_ORDER = ["SATISFIED", "BASIC", "UNSATISFIED"] as const;
type Counts = { satisfied: number; basic: number; unsatisfied: number; grade: (typeof GRADE_ORDER)[number] | null };
const COUNT_OF = { SATISFIED: "satisfied", BASIC: "basic", UNSATISFIED: "unsatisfied" } as const;

/** A published rating: counts, percentages and the grade by the rule (server/domain/satisfaction.ts), all in words and numbers. */
export function RatingSummary({ rating, t, caption }: { rating: Counts; t: Translate; caption: string }) {
  const total = rating.satisfied + rating.basic + rating.unsatisfied;
  return (
    <div className="flex flex-col gap-3">
      <p className="text-xl font-bold">
        {t("projects.rating.gradeLine", { grade: rating.grade ? t(`projects.grade.${rating.grade}`) : t("common.none") })}
      </p>
      <table className="w-full text-left text-lg">
        <caption className="text-left text-base text-muted">{caption}</caption>
        <thead>
          <tr className="border-b-2 border-stone-300">
            <th scope="col" className="py-1">
              {t("projects.rating.gradeColumn")}
            </th>
            <th scope="col" className="py-1 text-right">
              {t("projects.rating.votesColumn")}
            </th>
            <th scope="col" className="py-1 text-right">
              {t("projects.rating.shareColumn")}
            </th>
          </tr>
        </thead>
        <tbody>
          {GRADE_ORDER.map((g) => {
            const n = rating[COUNT_OF[g]];
            return (
              <tr key={g} className="border-b border-stone-200">
                <th scope="row" className="py-1 font-normal">
                  {t(`projects.grade.${g}`)}
                </th>
                <td className="py-1 text-right tabular-nums">{n}</td>
                <td className="py-1 text-right tabular-nums">{percentOf(n, total)}%</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="text-base">{t("projects.rating.raters", { count: total })}</p>
    </div>
  );
}
