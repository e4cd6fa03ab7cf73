"use client";

import { useSubscription } from "@trpc/tanstack-react-query";
import type { TTurnout } from "~/lib/schemas/vote";
import { useTRPC } from "../trpc/trpc-provider";

/**
 * 应到 / 实到 and the current poll's 已投, pushed by the server on every change
 * (LISTEN/NOTIFY, so whichever app server we reach). Until the first push, and while
 * reconnecting, the last known figures stay on screen; `live` says whether they are fresh.
 */
export type LiveState = "connecting" | "live" | "reconnecting";

export function useLiveTurnout(sessionId: string, initial: TTurnout): { turnout: TTurnout; state: LiveState } {
  const trpc = useTRPC();
  const sub = useSubscription(trpc.public.liveTurnout.subscriptionOptions({ sessionId }));
  // Before the first push the server-rendered figures are fresh: "connecting", not an alarm.
  const state: LiveState =
    sub.status === "pending" && sub.data !== undefined
      ? "live"
      : sub.data === undefined && sub.status !== "error"
        ? "connecting"
        : "reconnecting";
  return { turnout: sub.data ?? initial, state };
}
