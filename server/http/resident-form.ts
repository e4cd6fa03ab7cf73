import "server-only";
import type { ZodSafeParseResult } from "zod";
import { clientKeyFrom } from "../auth/options";
import { AppError, appErrorFromDatabase } from "../errors";
import { tooLargeRefusal, withinLimit } from "./body-limit";
import { isSameOrigin } from "./same-origin";

/**
 * A resident's plain HTML form (works without JavaScript), always answered with a 303 to
 * the page that shows the outcome: `sent=1`, or the error code and the fields that were
 * wrong, which that page localizes. Other sites' forms are refused, oversized bodies get 413;
 * only what the schema accepts reaches `store` (which keeps it pending and throttles).
 */
export async function handleResidentForm<T>(
  req: Request,
  opts: {
    /** Relative Location (correct behind any proxy) for a query such as `sent=1`. */
    back: (query: string) => string;
    maxBytes: number;
    parse: (field: (name: string) => string) => ZodSafeParseResult<T>;
    store: (client: string, input: T) => Promise<unknown>;
    /** Names the form in the log line of an unexpected failure (never its content). */
    what: string;
  },
): Promise<Response> {
  const back = (query: string) => new Response(null, { status: 303, headers: { location: opts.back(query), "cache-control": "no-store" } });
  // Another site's form posting here is refused; the page explains, in the visitor's language.
  if (!isSameOrigin(req)) return back("error=CROSS_SITE");
  const limited = await withinLimit(req, opts.maxBytes);
  if (!limited) return tooLargeRefusal(req);
  let form: FormData;
  try {
    form = await limited.formData();
  } catch {
    return back("error=BAD_INPUT");
  }
  const parsed = opts.parse((name) => String(form.get(name) ?? ""));
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0])))].join(",");
    return back(`error=BAD_INPUT&fields=${encodeURIComponent(fields)}`);
  }
  try {
    await opts.store(clientKeyFrom(req.headers), parsed.data);
    return back("sent=1");
  } catch (e) {
    const refusal = e instanceof AppError ? e : appErrorFromDatabase(e);
    if (refusal) return back(`error=${refusal.code}`);
    console.error(`${opts.what} failed`, e);
    return back("error=INTERNAL");
  }
}
