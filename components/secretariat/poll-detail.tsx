"use client";

import { useQuery } from "@tanstack/react-query";
import type { TPollSummary, TPollView, TTurnout } from "~/lib/schemas/vote";
import { useTRPC } from "../trpc/trpc-provider";
import { PollPanel } from "./poll-panel";
import { LiveBadge, useRefreshOnTurnout } from "./session-cockpit";
import { useLiveTurnout } from "./use-live-turnout";

/** One poll in full, kept live by the same turnout feed as the cockpit. */
export function PollDetail({
  initial,
  initialTurnout,
  initialPolls,
  quorumNeeded,
}: {
  initial: TPollView;
  initialTurnout: TTurnout;
  initialPolls: TPollSummary[];
  quorumNeeded: number;
}) {
  const trpc = useTRPC();
  const { turnout, state } = useLiveTurnout(initial.sessionId, initialTurnout);
  useRefreshOnTurnout(turnout);
  const polls = useQuery({ ...trpc.secretariat.polls.queryOptions({ sessionId: initial.sessionId }), initialData: initialPolls }).data;
  const summary = polls.find((p) => p.id === initial.id) ?? initial;
  return (
    <div className="flex flex-col gap-3">
      <div className="self-end">
        <LiveBadge state={state} />
      </div>
      <PollPanel
        summary={summary}
        initial={initial}
        turnout={turnout}
        quorumNeeded={quorumNeeded}
        hasRunoff={polls.some((p) => p.runoffOfId === initial.id && p.status !== "VOID")}
        variant="full"
      />
    </div>
  );
}
