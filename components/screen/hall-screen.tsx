"use client";

import { useQuery } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useEffect } from "react";
import type { Translate } from "~/lib/i18n/translate";
import type { TPollStatus, TPollView, TTurnout } from "~/lib/schemas/vote";
import { useI18n } from "../i18n/i18n-provider";
import { basisCount, candidateOutcome, type Outcome } from "../secretariat/candidate-outcome";
import { useTRPC } from "../trpc/trpc-provider";

const STATUS_TONE: Record<TPollStatus, string> = {
  DRAFT: "text-slate-300",
  OPEN: "text-emerald-300",
  PAPER_ENTRY: "text-amber-300",
  CLOSED: "text-amber-300",
  CERTIFIED: "text-sky-300",
  PUBLISHED: "text-white",
  VOID: "text-rose-300",
};

const MARK_STYLE: Record<Outcome, string> = {
  passed: "bg-emerald-600 text-white",
  notPassed: "bg-slate-600 text-white",
  runoff: "bg-amber-400 text-slate-950",
  notSelected: "bg-slate-600 text-white",
};

const BAR_STYLE: Record<Outcome, string> = {
  passed: "bg-emerald-500",
  notPassed: "bg-slate-400",
  runoff: "bg-amber-400",
  notSelected: "bg-slate-400",
};

function Numeral({ label, value, size, note }: { label: string; value: number | null; size: "huge" | "small"; note?: string }) {
  return (
    <div className="relative flex min-w-0 flex-col items-center justify-center rounded-[1.2vh] bg-white/5">
      <dt className={`font-semibold text-slate-300 ${size === "huge" ? "text-[5.5vh]" : "text-[2.6vh]"}`}>{label}</dt>
      <dd className={`font-black leading-none tabular-nums ${size === "huge" ? "text-[min(27vh,10vw)]" : "text-[7vh]"}`}>{value ?? "—"}</dd>
      {/* Below the figure, not in the flow: the four figures stay on one line. */}
      {note && <dd className="absolute inset-x-0 bottom-[2vh] px-[0.8vw] text-center text-[3vh] font-bold text-amber-300">{note}</dd>}
    </div>
  );
}

// title | bar | 赞成 count | mark: the titles get the room, the bar only needs to compare.
const ROW = "grid grid-cols-[40%_1fr_10%_14%] items-center gap-x-[1.2vw]";

/** Results as bars sorted by 赞成; the scale is the poll's basis, with its half marked. */
function ResultBars({ view, t }: { view: TPollView; t: Translate }) {
  const result = view.result;
  if (!result) return null;
  const titles = new Map(view.candidates.map((c) => [c.id, c.title]));
  const basis = Math.max(1, basisCount(view, result));
  const rows = [...result.candidates].sort((a, b) => b.for - a.for);
  // Fit every row on screen whatever the slate's length: the row height sets the type size.
  const rowFont = `min(4.2vh, ${(58 / Math.max(rows.length, 1)) * 0.55}vh)`;
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div className={`${ROW} h-[3.4vh] text-[2.4vh] text-slate-300`}>
        <span />
        <span className="relative h-full">
          <span className="absolute top-0 -translate-x-1/2 whitespace-nowrap" style={{ left: "50%" }}>
            {t("screen.halfLine", { count: Math.floor(basis / 2) + 1 })} ▾
          </span>
        </span>
      </div>
      <ol
        className="grid min-h-0 flex-1 gap-y-[0.6vh]"
        style={{ gridTemplateRows: `repeat(${rows.length}, minmax(0, 1fr))`, fontSize: rowFont, maxHeight: `${rows.length * 9}vh` }}
      >
        {rows.map((c) => {
          const outcome = candidateOutcome(view.kind, c, result.runoff);
          const width = `${Math.min(100, (c.for / basis) * 100)}%`;
          return (
            <li key={c.id} className={`${ROW} min-h-0`}>
              <span className="truncate text-right font-semibold">{titles.get(c.id)}</span>
              <span className="relative h-[min(70%,5vh)] rounded-[0.6vh] bg-white/10">
                <span className={`absolute inset-y-0 left-0 rounded-[0.6vh] ${BAR_STYLE[outcome]}`} style={{ width }} />
                <span aria-hidden className="absolute inset-y-[-15%] left-1/2 w-[0.25vw] -translate-x-1/2 bg-white/80" />
              </span>
              <span className="whitespace-nowrap text-right font-bold tabular-nums">{t("screen.forCount", { count: c.for })}</span>
              <span
                className={`flex h-[min(80%,6vh)] items-center justify-center overflow-hidden whitespace-nowrap rounded-[0.6vh] px-[0.4vw] font-black ${MARK_STYLE[outcome]}`}
              >
                {t(`results.outcome.${outcome}`)}
              </span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}

/**
 * The hall's projector, read from 30 m: a dark full-screen layer over the site (no header,
 * no scrolling, no cursor), huge 应到 / 实到 / 已投 / 未投 from the live turnout feed and,
 * once a poll is published, its result. It reads only public procedures, so it can never
 * show a choice before publication.
 */
export function HallScreen({
  sessionId,
  sessionName,
  initialTurnout,
}: {
  sessionId: string;
  sessionName: string | null;
  initialTurnout: TTurnout;
}) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const sub = useSubscription(trpc.public.liveTurnout.subscriptionOptions({ sessionId }));
  const turnout = sub.data ?? initialTurnout;
  const poll = turnout.poll;
  const published = poll?.status === "PUBLISHED";
  // A published result never changes: fetch it once.
  const result = useQuery({ ...trpc.public.result.queryOptions({ pollId: poll?.id ?? "" }), enabled: published, staleTime: Infinity });
  // Only after a first push: at start the server-rendered figures are fresh.
  const reconnecting = sub.status === "error" || (sub.status === "connecting" && sub.data !== undefined);

  useEffect(() => {
    const html = document.documentElement;
    const previous = html.style.overflow;
    html.style.overflow = "hidden";
    return () => {
      html.style.overflow = previous;
    };
  }, []);

  const counting = poll && poll.status !== "DRAFT";
  const showBars = published && result.data?.id === poll.id;
  const size = showBars ? "small" : "huge";
  return (
    <div className="fixed inset-0 z-50 flex cursor-none flex-col gap-[2vh] overflow-hidden bg-slate-950 px-[3vw] py-[3vh] text-white">
      <header className="flex items-center justify-between gap-[2vw] text-[2.6vh] text-slate-300">
        <p className="truncate">{sessionName ?? t("screen.title")}</p>
        {reconnecting && (
          <p role="status" className="flex items-center gap-[0.6vw] text-amber-300">
            <span aria-hidden className="inline-block size-[1.4vh] animate-pulse rounded-full bg-amber-400" />
            {t("screen.reconnecting")}
          </p>
        )}
      </header>

      <div>
        <h1 className="truncate text-[6vh] font-black leading-tight">{poll ? poll.title : t("screen.waiting")}</h1>
        <p
          className={`text-[4vh] font-bold ${poll ? STATUS_TONE[poll.status] : turnout.quorumMet ? "text-emerald-300" : "text-amber-300"}`}
        >
          {poll ? t(`screen.status.${poll.status}`) : turnout.quorumMet ? t("screen.quorumMet") : t("screen.quorumNotMet")}
        </p>
      </div>

      <dl className={`grid grid-cols-4 gap-[1.5vw] ${showBars ? "h-[14vh]" : "min-h-0 flex-1"}`}>
        <Numeral label={t("screen.seated")} value={turnout.seated} size={size} />
        <Numeral label={t("screen.present")} value={turnout.present} size={size} />
        <Numeral label={t("screen.returned")} value={counting ? poll.returned : null} size={size} />
        <Numeral
          label={t("screen.notReturned")}
          value={counting ? Math.max(0, poll.issued - poll.returned) : null}
          size={size}
          note={counting && poll.paperOut > 0 ? t("screen.paperOut", { count: poll.paperOut }) : undefined}
        />
      </dl>

      {counting && !showBars && poll.issued > 0 && (
        <div className="flex items-center gap-[1.5vw] text-[3.4vh] font-bold">
          <div className="relative h-[3.4vh] flex-1 overflow-hidden rounded-full bg-white/10">
            <div
              className="absolute inset-y-0 left-0 rounded-full bg-emerald-500"
              style={{ width: `${Math.min(100, (poll.returned / poll.issued) * 100)}%` }}
            />
          </div>
          <span className="tabular-nums">{t("screen.progress", { returned: poll.returned, issued: poll.issued })}</span>
        </div>
      )}

      {showBars && result.data && <ResultBars view={result.data} t={t} />}
    </div>
  );
}
