"use client";

import { TRPCClientError } from "@trpc/client";
import { isAppErrorCode, type AppErrorCode } from "~/lib/app-error-codes";
import { useI18n } from "../i18n/i18n-provider";

/** The localized sentence for any error a tRPC call can end with; network trouble reads as such. */
export function useAppErrorMessage() {
  const { t } = useI18n();
  return (error: unknown): string => {
    if (error instanceof TRPCClientError) {
      const code = (error.data as { appCode?: string } | undefined)?.appCode ?? error.message;
      if (isAppErrorCode(code)) return t(`errors.${code}`);
      // No answer: the app has stopped retrying by the time an error is shown.
      if (!error.data) return t("errors.OFFLINE");
    }
    // fetch's own failure: no answer came (a plain fetch, not tRPC: sign-out, uploads).
    if (error instanceof TypeError) return t("errors.OFFLINE");
    return t("errors.INTERNAL");
  };
}

/** The stable code the server gave a refusal (`errors.<CODE>` in the catalogs; server/api/trpc.ts puts one on every error); none when it never answered. */
export function appCodeOf(error: unknown): AppErrorCode | undefined {
  const code = error instanceof TRPCClientError ? (error.data as { appCode?: string } | undefined)?.appCode : undefined;
  return isAppErrorCode(code) ? code : undefined;
}

/** True when the request may not have reached the server (or its answer was lost): safe to retry with the same key. */
export function isNetworkError(error: unknown): boolean {
  if (!(error instanceof TRPCClientError)) return error instanceof TypeError;
  const status = (error.data as { httpStatus?: number } | undefined)?.httpStatus;
  return !error.data || status === undefined || status >= 502;
}
