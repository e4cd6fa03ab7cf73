"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { Failure } from "~/components/submission/transport";
import { failureOf } from "~/components/submission/trpc-failure";
import { callProcedure } from "~/components/trpc/procedure-call";
import { appCodeOf, isNetworkError } from "~/components/trpc/use-app-error";
import type { TDelegatePollView } from "~/lib/schemas/vote";
import { useLiveSession } from "../use-live-session";
import type { UseCastBallot, UsePollFeed } from "./transport";

/**
 * The ballot's transport (transport.ts says what it must provide): plain `fetch` on tRPC's
 * wire (procedure-call.ts), so the voting page loads neither tRPC's client, react-query nor
 * superjson. A failed load is retried like react-query did: three times, backing off.
 */

const LOAD_RETRIES = 3;
const loadRetryDelay = (n: number) => Math.min(1000 * 2 ** n, 8000);

/** Each open feed's reload, by poll: a cast's answer (or refusal) makes the poll's view load again. */
const feeds = new Map<string, Set<() => void>>();
const reloadPoll = (pollId: string) => feeds.get(pollId)?.forEach((reload) => reload());

export const usePollFeed: UsePollFeed = (pollId, initial, live) => {
  const [view, setView] = useState(initial);
  const [failure, setFailure] = useState<Failure | null>(null);
  const loading = useRef<AbortController | null>(null);

  const reload = useCallback(() => {
    loading.current?.abort();
    const load = (loading.current = new AbortController());
    void (async () => {
      for (let attempt = 0; ; attempt++) {
        try {
          const next = await callProcedure<TDelegatePollView>("query", "delegate.poll", { pollId }, load.signal);
          if (load.signal.aborted) return;
          setView(next);
          setFailure(null);
          return;
        } catch (error) {
          if (load.signal.aborted) return;
          // Only a refusal the server gave stops it; over a bad network it keeps what it showed and tries again.
          if (!isNetworkError(error)) return setFailure({ retry: false, code: appCodeOf(error) ?? "INTERNAL" });
          setFailure({ retry: true });
          if (attempt >= LOAD_RETRIES) return;
          await new Promise((resolve) => setTimeout(resolve, loadRetryDelay(attempt)));
          if (load.signal.aborted) return;
        }
      }
    })();
  }, [pollId]);

  useEffect(() => {
    const mine = feeds.get(pollId) ?? new Set();
    feeds.set(pollId, mine.add(reload));
    return () => {
      mine.delete(reload);
      if (!mine.size) feeds.delete(pollId);
      loading.current?.abort();
    };
  }, [pollId, reload]);

  // Without a first view from the page, load it now.
  const hadInitial = useRef(initial !== undefined);
  useEffect(() => {
    if (!hadInitial.current) reload();
  }, [reload]);

  // The poll closing, or a desk check-in, while the ballot is open: told by the live stream.
  useLiveSession(reload, live);
  return { view, failure, reload };
};

export const useCastBallot: UseCastBallot = (pollId) =>
  useCallback(
    async (sending, signal) => {
      try {
        const res = await callProcedure<{ tracker: string }>(
          "mutation",
          "delegate.cast",
          { pollId, choices: sending.choices, idempotencyKey: sending.key, replacesKey: sending.replaces?.key },
          signal,
        );
        reloadPoll(pollId);
        return { ok: true, tracker: res.tracker };
      } catch (error) {
        const failure = failureOf(error);
        // Refused: the poll may have changed under us (closed, voided, a desk check-in).
        if (!failure.retry && failure.code !== "UNAUTHENTICATED") reloadPoll(pollId);
        return { ok: false, failure };
      }
    },
    [pollId],
  );
