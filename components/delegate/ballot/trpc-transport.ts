"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { failureOf } from "~/components/submission/trpc-failure";
import { appCodeOf } from "~/components/trpc/use-app-error";
import { isNetworkError } from "../../trpc/use-app-error";
import { useTRPC, useTRPCClient } from "../../trpc/trpc-provider";
import { useLiveSession } from "../use-live-session";
import type { UseCastBallot, UsePollFeed } from "./transport";

/** The ballot's transport today: tRPC through react-query, kept fresh by the live stream (transport.ts says what it must provide). */

export const usePollFeed: UsePollFeed = (pollId, initial, live) => {
  const trpc = useTRPC();
  const query = useQuery(trpc.delegate.poll.queryOptions({ pollId }, { initialData: initial }));
  // Notice the poll closing, or a desk check-in, while the delegate is on this page.
  useLiveSession(() => void query.refetch(), live);
  const { error } = query;
  // react-query retries a failed load by itself; only a refusal the server gave stops it.
  const failure =
    query.isError && !isNetworkError(error)
      ? ({ retry: false, code: appCodeOf(error) ?? "INTERNAL" } as const)
      : query.isError || query.failureCount > 0
        ? ({ retry: true } as const)
        : null;
  return { view: query.data, failure, reload: () => void query.refetch() };
};

export const useCastBallot: UseCastBallot = (pollId) => {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // The vanilla client rather than useMutation: the submission owns the retry loop and gives each request its timeout signal.
  const client = useTRPCClient();
  return useCallback(
    async (sending, signal) => {
      try {
        const res = await client.delegate.cast.mutate(
          { pollId, choices: sending.choices, idempotencyKey: sending.key, replacesKey: sending.replaces?.key },
          { signal },
        );
        void queryClient.invalidateQueries({ queryKey: trpc.delegate.state.queryKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.delegate.poll.queryKey({ pollId }) });
        return { ok: true, tracker: res.tracker };
      } catch (error) {
        const failure = failureOf(error);
        // Refused: the poll may have changed under us (closed, voided, a desk check-in).
        if (!failure.retry && failure.code !== "UNAUTHENTICATED") {
          void queryClient.invalidateQueries({ queryKey: trpc.delegate.poll.queryKey({ pollId }) });
        }
        return { ok: false, failure };
      }
    },
    [client, pollId, queryClient, trpc],
  );
};
