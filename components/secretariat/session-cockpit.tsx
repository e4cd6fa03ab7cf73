"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import type { TSessionOverview } from "~/lib/schemas/session";
import type { TPollSummary, TPollView, TTurnout } from "~/lib/schemas/vote";
import { useI18n } from "../i18n/i18n-provider";
import { useTRPC } from "../trpc/trpc-provider";
import { useAppErrorMessage } from "../trpc/use-app-error";
import { CreatePollForm, type SlateItem } from "./create-poll-form";
import { DeskCheckIn } from "./desk-check-in";
import { PollPanel } from "./poll-panel";
import { useLiveTurnout, type LiveState } from "./use-live-turnout";

/**
 * Every live figure here comes from the turnout feed; each push also refreshes the poll
 * list and the current poll, so a change made on another laptop (or by a scrutineer's
 * sign-off) shows up without reloading.
 */
export function useRefreshOnTurnout(turnout: TTurnout) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const first = useRef(true);
  useEffect(() => {
    // The first push repeats what the server just rendered.
    if (first.current) {
      first.current = false;
      return;
    }
    void queryClient.invalidateQueries({ queryKey: trpc.secretariat.overview.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.secretariat.polls.pathKey() });
    if (turnout.poll) void queryClient.invalidateQueries({ queryKey: trpc.secretariat.poll.queryKey({ pollId: turnout.poll.id }) });
  }, [turnout, queryClient, trpc]);
}

export function LiveBadge({ state }: { state: LiveState }) {
  const { t } = useI18n();
  const style = state === "live" ? "text-green-900" : state === "connecting" ? "text-muted" : "text-amber-900";
  const dot = state === "live" ? "bg-green-700" : state === "connecting" ? "animate-pulse bg-stone-400" : "animate-pulse bg-amber-600";
  return (
    <span role="status" className={`inline-flex items-center gap-2 text-base font-semibold ${style}`}>
      <span aria-hidden className={`inline-block size-3 rounded-full ${dot}`} />
      {t(`cockpit.liveState.${state}`)}
    </span>
  );
}

function Stat({
  label,
  value,
  note,
  tone,
  wide,
}: {
  label: string;
  value: string | number;
  note?: string;
  tone?: "good" | "bad";
  wide?: boolean;
}) {
  const toneClass =
    tone === "good" ? "border-green-700 bg-green-50" : tone === "bad" ? "border-amber-700 bg-amber-50" : "border-stone-200 bg-white";
  return (
    <div className={`rounded-xl border-2 p-3 ${toneClass} ${wide ? "col-span-2 md:col-span-1" : ""}`}>
      <dt className="text-base text-muted">{label}</dt>
      <dd className="text-4xl font-bold tabular-nums">{value}</dd>
      {note && <dd className="text-base font-semibold">{note}</dd>}
    </div>
  );
}

export function SessionCockpit({
  initialOverview,
  initialTurnout,
  initialPolls,
  initialViews,
  slate,
}: {
  initialOverview: TSessionOverview;
  initialTurnout: TTurnout;
  initialPolls: TPollSummary[];
  initialViews: TPollView[];
  slate: SlateItem[];
}) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useAppErrorMessage();
  const sessionId = initialOverview.id;
  const { turnout, state } = useLiveTurnout(sessionId, initialTurnout);
  useRefreshOnTurnout(turnout);
  const overview = useQuery({ ...trpc.secretariat.overview.queryOptions({ sessionId }), initialData: initialOverview }).data;
  const polls = useQuery({ ...trpc.secretariat.polls.queryOptions({ sessionId }), initialData: initialPolls }).data;
  // Open at first while there is no poll yet, then as the clerk leaves it: tied to the count of
  // polls, creating the first one folded the form away with its confirmation.
  const [createOpen, setCreateOpen] = useState(initialPolls.length === 0);
  const toggle = useMutation(
    trpc.secretariat.setCheckInOpen.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.secretariat.overview.pathKey() }),
    }),
  );

  // Newest first: the poll being run is the one the secretary needs at the top.
  const ordered = [...polls].reverse();
  const hasRunoff = (pollId: string) => polls.some((p) => p.runoffOfId === pollId && p.status !== "VOID");

  return (
    <div className="flex flex-col gap-6">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0">
          <p className="text-lg text-muted">{overview.congressName}</p>
          <h1 className="text-2xl font-bold">
            {t("cockpit.title")} · {overview.name}
          </h1>
        </div>
        <a href={`/screen/${sessionId}`} target="_blank" rel="noopener" className="btn-secondary">
          {t("cockpit.openScreen")}
        </a>
      </header>

      <section aria-labelledby="turnout-heading" className="panel flex flex-col gap-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="turnout-heading" className="text-xl font-bold">
            {t("cockpit.turnoutHeading")}
          </h2>
          <LiveBadge state={state} />
        </div>
        <dl className="grid grid-cols-2 gap-3 md:grid-cols-4">
          <Stat label={t("cockpit.seated")} value={turnout.seated} />
          <Stat
            label={t("cockpit.present")}
            value={turnout.present}
            note={t("cockpit.absent", { count: Math.max(0, turnout.seated - turnout.present) })}
          />
          <Stat
            label={t("cockpit.quorum")}
            value={turnout.quorumMet ? `✓ ${t("cockpit.quorumMet")}` : `✗ ${t("cockpit.quorumNotMet")}`}
            note={t("cockpit.quorumNeeded", { needed: overview.quorumNeeded })}
            tone={turnout.quorumMet ? "good" : "bad"}
            wide
          />
          <div
            className={`col-span-2 flex flex-col gap-2 rounded-xl border-2 p-3 md:col-span-1 ${overview.checkInOpen ? "border-green-700 bg-green-50" : "border-stone-200"}`}
          >
            <dt className="text-base text-muted">{t("cockpit.checkIn")}</dt>
            <dd className="text-xl font-bold">{overview.checkInOpen ? t("cockpit.checkInIsOpen") : t("cockpit.checkInIsClosed")}</dd>
            <dd>
              <button
                type="button"
                className={overview.checkInOpen ? "btn-secondary w-full" : "btn-primary w-full"}
                disabled={toggle.isPending}
                onClick={() => toggle.mutate({ sessionId, open: !overview.checkInOpen })}
              >
                {overview.checkInOpen ? t("cockpit.endCheckIn") : t("cockpit.startCheckIn")}
              </button>
            </dd>
          </div>
        </dl>
        <div aria-live="polite">
          {toggle.isError && (
            <p role="alert" className="field-error">
              {errorText(toggle.error)}
            </p>
          )}
        </div>
      </section>

      <div className="grid gap-6 lg:grid-cols-3">
        <section aria-labelledby="polls-heading" className="flex min-w-0 flex-col gap-4 lg:col-span-2">
          <h2 id="polls-heading" className="text-xl font-bold">
            {t("cockpit.pollsHeading")}
          </h2>
          {ordered.length === 0 && <p className="panel text-base">{t("cockpit.noPolls")}</p>}
          {ordered.map((p) => (
            <PollPanel
              key={p.id}
              summary={p}
              initial={initialViews.find((v) => v.id === p.id)}
              turnout={turnout}
              quorumNeeded={overview.quorumNeeded}
              hasRunoff={hasRunoff(p.id)}
              variant="compact"
            />
          ))}
          <details className="group panel" open={createOpen} onToggle={(e) => setCreateOpen(e.currentTarget.open)}>
            <summary className="flex min-h-11 cursor-pointer list-none items-center justify-between gap-3 text-xl font-bold [&::-webkit-details-marker]:hidden">
              {t("cockpit.create.heading")}
              <span aria-hidden className="text-2xl leading-none transition-transform group-open:rotate-45">
                +
              </span>
            </summary>
            <div className="mt-3">
              <CreatePollForm sessionId={sessionId} slate={slate} />
            </div>
          </details>
        </section>
        <div className="min-w-0">
          <DeskCheckIn sessionId={sessionId} checkInOpen={overview.checkInOpen} openPoll={polls.find((p) => p.status === "OPEN") ?? null} />
        </div>
      </div>
    </div>
  );
}
