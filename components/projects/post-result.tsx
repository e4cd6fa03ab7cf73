import { isAppErrorCode } from "~/lib/app-error-codes";
import type { MessageKey, Translate } from "~/lib/i18n/translate";

/** What a resident's form redirect said (`?sent=1`, `?error=CODE&fields=a,b`), read back from the URL. */
export interface PostResult {
  sent: boolean;
  error: string | null;
  fields: string[];
}

/** A form not sent yet. */
export const NO_POST_RESULT: PostResult = { sent: false, error: null, fields: [] };

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

export function readPostResult(search: Search): PostResult {
  const error = one(search.error);
  return {
    sent: one(search.sent) === "1",
    error: isAppErrorCode(error) ? error : null,
    fields: one(search.fields).split(",").filter(Boolean),
  };
}

/** Posts are throttled per hour, not the sign-in's 15 minutes: their own sentence. */
const POST_ERROR: Partial<Record<string, MessageKey>> = {
  RATE_LIMITED: "projects.posts.rateLimited",
  BAD_INPUT: "projects.posts.badInput",
};

/** The banner above a resident's form after it was sent: success, or why nothing was stored. */
export function PostBanner({ result, t, sentText }: { result: PostResult; t: Translate; sentText: string }) {
  if (result.sent) {
    return (
      <p role="status" className="rounded-lg border-2 border-green-700 bg-green-50 px-3 py-2 text-lg font-semibold text-green-900">
        <span aria-hidden="true">✓ </span>
        {sentText}
      </p>
    );
  }
  if (!result.error) return null;
  const key = POST_ERROR[result.error] ?? (`errors.${result.error}` as MessageKey);
  return (
    <p role="alert" className="rounded-lg border-2 border-red-700 bg-red-50 px-3 py-2 text-lg font-semibold text-red-900">
      {t(key)}
    </p>
  );
}
