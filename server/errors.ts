import type { TRPC_ERROR_CODE_KEY } from "@trpc/server";
import type { AppErrorCode } from "~/lib/app-error-codes";

/** A refusal the user should see, by code; localized on the client from the catalog. */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    readonly details?: Record<string, string | number>,
  ) {
    super(code);
    this.name = "AppError";
  }
}

/** The one place where domain refusals become HTTP-ish tRPC codes. */
export const TRPC_CODE_FOR: Record<AppErrorCode, TRPC_ERROR_CODE_KEY> = {
  UNAUTHENTICATED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  BAD_INPUT: "BAD_REQUEST",
  CONFLICT: "CONFLICT",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
  CROSS_SITE: "FORBIDDEN",
  INVALID_CREDENTIALS: "UNAUTHORIZED",
  ACCOUNT_DISABLED: "FORBIDDEN",
  TOKEN_INVALID: "UNAUTHORIZED",
  CHECK_IN_CLOSED: "PRECONDITION_FAILED",
  ALREADY_CHECKED_IN: "CONFLICT",
  NOT_CHECKED_IN: "PRECONDITION_FAILED",
  QUORUM_NOT_MET: "PRECONDITION_FAILED",
  POLL_NOT_OPEN: "PRECONDITION_FAILED",
  POLL_CLOSED: "PRECONDITION_FAILED",
  POLL_STATE: "PRECONDITION_FAILED",
  ALREADY_VOTED: "CONFLICT",
  BALLOT_INVALID: "BAD_REQUEST",
  TOO_MANY_FOR: "BAD_REQUEST",
  NOT_SCRUTINEER: "FORBIDDEN",
  SIGNOFFS_MISSING: "PRECONDITION_FAILED",
  PAPER_SAME_CLERK: "CONFLICT",
  INTERNAL: "INTERNAL_SERVER_ERROR",
};

/** Errors PostgreSQL raises from our triggers (RAISE EXCEPTION 'CODE') carry the code as their message. */
export function appErrorFromDatabase(error: unknown): AppError | null {
  const text = error instanceof Error ? error.message : String(error);
  if (text.includes("POLL_NOT_OPEN") || text.includes("ROUND_NOT_OPEN")) return new AppError("POLL_CLOSED");
  if (text.includes("POLL_FROZEN")) return new AppError("POLL_STATE");
  return null;
}

/**
 * Services re-check their input with the same schema the procedure declared (they are
 * also called from scripts and tests); a failure is the same BAD_INPUT a client gets.
 */
export function parseInput<T extends { parse: (v: unknown) => unknown; safeParse: (v: unknown) => { success: boolean; data?: unknown } }>(schema: T, raw: unknown): ReturnType<T["parse"]> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new AppError("BAD_INPUT");
  return parsed.data as ReturnType<T["parse"]>;
}
