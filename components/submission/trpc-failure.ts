"use client";

import { appCodeOf, isNetworkError } from "../trpc/use-app-error";
import type { Failure } from "./transport";

/**
 * What a failed tRPC call means for a durable submission (transport.ts). Safe to resend
 * with the same key: the request may not have arrived (network, timeout), or the server
 * could not finish it (INTERNAL, RATE_LIMITED). Anything else is the server's refusal.
 */
export function failureOf(error: unknown): Failure {
  const code = appCodeOf(error);
  if (isNetworkError(error) || code === "INTERNAL" || code === "RATE_LIMITED") return { retry: true };
  return { retry: false, code: code ?? "INTERNAL" };
}
