"use client";

import { useCallback } from "react";
import type { SendSubmission } from "~/components/submission/transport";
import { failureOf } from "~/components/submission/trpc-failure";
import type { TGrade } from "~/lib/schemas/projects";
import { useTRPCClient } from "../../trpc/trpc-provider";

/** The rating's transport today: the tRPC client (components/submission/transport.ts says what it must provide). */
export function useRateProjects(roundId: string): SendSubmission<TGrade> {
  const client = useTRPCClient();
  return useCallback(
    async (sending, signal) => {
      try {
        const res = await client.projects.rate.mutate({ roundId, grades: sending.choices, idempotencyKey: sending.key }, { signal });
        return { ok: true, tracker: res.receipt };
      } catch (error) {
        return { ok: false, failure: failureOf(error) };
      }
    },
    [client, roundId],
  );
}
