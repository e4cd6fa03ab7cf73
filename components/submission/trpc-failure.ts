"use client";

import { TRPCClientError } from "@trpc/client";
import { isAppErrorCode, type AppErrorCode } from "~/lib/app-error-codes";
import { isNetworkError } from "../trpc/use-app-error";
import type { Failure } from "./transport";

/** The code the server gave a refusal (server/api/trpc.ts puts one on every error); none when it never answered. */
export function appCodeOf(error: unknown): AppErrorCode | undefined {
  const code = error instanceof TRPCClientError ? (error.data as { appCode?: string } | undefined)?.appCode : undefined;
  return isAppErrorCode(code) ? code : undefined;
}

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
