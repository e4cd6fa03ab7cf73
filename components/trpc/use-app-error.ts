"use client";

import { isAppErrorCode, type AppErrorCode } from "~/lib/app-error-codes";
import { useI18n } from "../i18n/i18n-provider";
import type { CallErrorData } from "./procedure-call";

/**
 * A failed call to /api/trpc, from tRPC's client (TRPCClientError) or the voting page's plain
 * fetch (procedure-call.ts's CallError): both carry the server's error data as `data`, none
 * when no answer came. Told apart by name, so that pages without tRPC's client (whose
 * package has no tree-shakable entry) need not load it for this check.
 */
function callFailure(error: unknown): { data: CallErrorData | undefined } | null {
  if (!(error instanceof Error) || (error.name !== "TRPCClientError" && error.name !== "CallError")) return null;
  return { data: (error as { data?: CallErrorData }).data ?? undefined };
}

/** The localized sentence for any error a tRPC call can end with; network trouble reads as such. */
export function useAppErrorMessage() {
  const { t } = useI18n();
  return (error: unknown): string => {
    const failed = callFailure(error);
    if (failed) {
      const code = failed.data?.appCode ?? (error as Error).message;
      if (isAppErrorCode(code)) return t(`errors.${code}`);
      // No answer: the app has stopped retrying by the time an error is shown.
      if (!failed.data) return t("errors.OFFLINE");
    }
    // fetch's own failure: no answer came (a plain fetch, not tRPC: sign-out, uploads).
    if (error instanceof TypeError) return t("errors.OFFLINE");
    return t("errors.INTERNAL");
  };
}

/** The stable code the server gave a refusal (`errors.<CODE>` in the catalogs; server/api/trpc.ts puts one on every error); none when it never answered. */
export function appCodeOf(error: unknown): AppErrorCode | undefined {
  const code = callFailure(error)?.data?.appCode;
  return isAppErrorCode(code) ? code : undefined;
}

/** True when the request may not have reached the server (or its answer was lost): safe to retry with the same key. */
export function isNetworkError(error: unknown): boolean {
  const failed = callFailure(error);
  if (!failed) return error instanceof TypeError;
  const status = failed.data?.httpStatus;
  return !failed.data || status === undefined || status >= 502;
}
