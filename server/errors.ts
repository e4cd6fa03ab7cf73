import type { TRPC_ERROR_CODE_KEY } from "@trpc/server";
import type { AppErrorCode } from "~/lib/app-error-codes";
import type { StepOutcome } from "./domain/lifecycle";

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
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
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
  ANOTHER_POLL_OPEN: "PRECONDITION_FAILED",
  BALLOTS_EXCEED_ISSUED: "PRECONDITION_FAILED",
  NO_RUNOFF_NEEDED: "PRECONDITION_FAILED",
  PROJECT_NOT_APPROVED: "PRECONDITION_FAILED",
  PLAN_MISSING: "PRECONDITION_FAILED",
  NO_APPROVED_PROJECTS: "PRECONDITION_FAILED",
  ROUND_ALREADY_OPEN: "PRECONDITION_FAILED",
  ROUND_STATE: "PRECONDITION_FAILED",
  ROUND_CLOSED: "PRECONDITION_FAILED",
  PAPER_SAME_CLERK: "CONFLICT",
  BALLOT_BOX_LOCKED: "PRECONDITION_FAILED",
  PAPER_BALLOT_ISSUED: "CONFLICT",
  VOTED_BY_PHONE: "CONFLICT",
  PAPER_ENTRY_OPEN: "PRECONDITION_FAILED",
  PAPER_ENTRY_INCOMPLETE: "PRECONDITION_FAILED",
  INTERNAL: "INTERNAL_SERVER_ERROR",
};

/** What PostgreSQL said, as Prisma's driver adapter passes it on: the SQLSTATE and, for a unique violation, the index. */
function databaseCauseOf(error: unknown): { originalCode?: string; constraint?: { index?: string } } | undefined {
  return (error as { meta?: { driverAdapterError?: { cause?: { originalCode?: string; constraint?: { index?: string } } } } } | null)?.meta
    ?.driverAdapterError?.cause;
}

/**
 * Unique indexes that state a rule (prisma/migrations), and the refusal a person reads when
 * a write breaks one: the same as the check the service makes first, so a race that
 * slips past the check reads the same as one that does not.
 */
const UNIQUE_INDEX_ERRORS: Record<string, AppErrorCode> = {
  Poll_one_open_per_session: "ANOTHER_POLL_OPEN",
  RatingRound_one_open_per_session: "ROUND_ALREADY_OPEN",
  // The same idempotency key in one box from two delegates: only its first ballot stands.
  SealedBallot_pkey: "ALREADY_VOTED",
};

/**
 * Errors PostgreSQL raises from our triggers (RAISE EXCEPTION 'CODE') carry the code as
 * their message; a rule kept by a unique index is known by the index's name. Input the
 * database itself cannot take is the client's mistake, not a 500: text with a NUL
 * character or outside UTF-8 (22021, 22P05), a number or date out of range (22003, 22008),
 * and an id that names no row (a foreign key, 23503). The statement failed, so nothing
 * was stored.
 */
export function appErrorFromDatabase(error: unknown): AppError | null {
  const text = error instanceof Error ? error.message : String(error);
  if (text.includes("POLL_NOT_OPEN")) return new AppError("POLL_CLOSED");
  if (text.includes("ROUND_NOT_OPEN")) return new AppError("ROUND_CLOSED");
  if (text.includes("POLL_FROZEN")) return new AppError("POLL_STATE");
  const cause = databaseCauseOf(error);
  const index = cause?.originalCode === "23505" ? cause.constraint?.index : undefined;
  if (index && Object.hasOwn(UNIQUE_INDEX_ERRORS, index)) return new AppError(UNIQUE_INDEX_ERRORS[index]!);
  const state = cause?.originalCode;
  if (state === "22021" || state === "22P05" || state === "22003" || state === "22008") return new AppError("BAD_INPUT");
  if (state === "23503" || (error as { code?: string } | null)?.code === "P2003") return new AppError("NOT_FOUND");
  return null;
}

/**
 * A lifecycle step as a service takes it: true to take it, false when it was taken
 * already (change nothing and succeed); a refusal is thrown.
 */
export function stepAllowed(outcome: StepOutcome): boolean {
  if (outcome === "go") return true;
  if (outcome === "done") return false;
  throw new AppError(outcome);
}

/**
 * Services re-check their input with the same schema the procedure declared (they are
 * also called from scripts and tests); a failure is the same BAD_INPUT a client gets.
 */
export function parseInput<T extends { parse: (v: unknown) => unknown; safeParse: (v: unknown) => { success: boolean; data?: unknown } }>(
  schema: T,
  raw: unknown,
): ReturnType<T["parse"]> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new AppError("BAD_INPUT");
  return parsed.data as ReturnType<T["parse"]>;
}
