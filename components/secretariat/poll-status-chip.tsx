import type { Translate } from "~/lib/i18n/translate";
import type { TPollStatus } from "~/lib/schemas/vote";

// Colour only backs up the words: every chip says its status in text.
const STYLE: Record<TPollStatus, string> = {
  DRAFT: "border-stone-500 bg-stone-100 text-stone-900",
  OPEN: "border-green-700 bg-green-100 text-green-950",
  PAPER_ENTRY: "border-amber-700 bg-amber-50 text-amber-950",
  CLOSED: "border-amber-700 bg-amber-100 text-amber-950",
  CERTIFIED: "border-blue-700 bg-blue-100 text-blue-950",
  PUBLISHED: "border-brand bg-red-50 text-brand-dark",
  VOID: "border-stone-500 bg-white text-stone-700",
};

export function PollStatusChip({ status, t }: { status: TPollStatus; t: Translate }) {
  return (
    <span
      className={`inline-flex items-center whitespace-nowrap rounded-full border-2 px-3 py-0.5 text-base font-semibold ${STYLE[status]}`}
    >
      {status === "OPEN" && <span aria-hidden className="mr-1.5 inline-block size-2.5 animate-pulse rounded-full bg-green-700" />}
      {t(`cockpit.status.${status}`)}
    </span>
  );
}
