/**
 * Every refusal the app can give, by a stable code. The server throws `AppError(code)`;
 * clients and pages look the code up in the message catalog (`errors.<CODE>`), so the
 * user always reads a localized sentence, never a stack trace.
 */
export const APP_ERROR_CODES = [
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "BAD_INPUT",
  "CONFLICT",
  "RATE_LIMITED",
  "CROSS_SITE",
  "PAYLOAD_TOO_LARGE",
  "INVALID_CREDENTIALS",
  "ACCOUNT_DISABLED",
  "TOKEN_INVALID",
  "CHECK_IN_CLOSED",
  "ALREADY_CHECKED_IN",
  "NOT_CHECKED_IN",
  "QUORUM_NOT_MET",
  "POLL_NOT_OPEN",
  "POLL_CLOSED",
  "POLL_STATE",
  "ALREADY_VOTED",
  "BALLOT_INVALID",
  "TOO_MANY_FOR",
  "NOT_SCRUTINEER",
  "SIGNOFFS_MISSING",
  "ANOTHER_POLL_OPEN",
  "BALLOTS_EXCEED_ISSUED",
  "NO_RUNOFF_NEEDED",
  "PROJECT_NOT_APPROVED",
  "PLAN_MISSING",
  "NO_APPROVED_PROJECTS",
  "ROUND_ALREADY_OPEN",
  "ROUND_STATE",
  "ROUND_CLOSED",
  "PAPER_SAME_CLERK",
  "BALLOT_BOX_LOCKED",
  "PAPER_BALLOT_ISSUED",
  "VOTED_BY_PHONE",
  "PAPER_ENTRY_OPEN",
  "PAPER_ENTRY_INCOMPLETE",
  "INTERNAL",
] as const;

export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

export function isAppErrorCode(value: unknown): value is AppErrorCode {
  return typeof value === "string" && (APP_ERROR_CODES as readonly string[]).includes(value);
}
