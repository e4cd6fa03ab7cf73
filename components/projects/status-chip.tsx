import type { Translate } from "~/lib/i18n/translate";
import type { TProjectStatus } from "./types";

const STYLE: Record<TProjectStatus, string> = {
  NOT_STARTED: "border-stone-500 bg-stone-100 text-stone-900",
  IN_PROGRESS: "border-blue-800 bg-blue-50 text-blue-900",
  COMPLETED: "border-green-800 bg-green-50 text-green-900",
  DELAYED: "border-amber-700 bg-amber-100 text-amber-950",
};
/** A mark as well as a word, so the status never rests on colour. */
const MARK: Record<TProjectStatus, string> = { NOT_STARTED: "○", IN_PROGRESS: "▶", COMPLETED: "✓", DELAYED: "!" };

export function StatusChip({ status, t }: { status: TProjectStatus; t: Translate }) {
  return (
    <span
      className={`inline-flex items-center gap-1 rounded-full border-2 px-3 py-0.5 text-base font-bold whitespace-nowrap ${STYLE[status]}`}
    >
      <span aria-hidden="true">{MARK[status]}</span>
      {t(`projects.status.${status}`)}
    </span>
  );
}
