import { ZSuggestionInput } from "~/lib/schemas/projects";
import { clientKeyFrom } from "~/server/auth/options";
import { db } from "~/server/db";
import { AppError, appErrorFromDatabase } from "~/server/errors";
import { isSameOrigin } from "~/server/http/same-origin";
import { submitSuggestion } from "~/server/services/resident-posts";

/** The form's fields together stay well under this; a larger body is not a resident typing. */
const MAX_BODY_BYTES = 32 * 1024;

/**
 * 征集: a resident's suggestion for next year's projects, from a plain HTML form (works
 * without JavaScript). Answers with a redirect back to the form: `sent=1`, or the error
 * code and the fields that were wrong, which the page localizes. Suggestions are pending
 * until the secretariat approves them; the service throttles per client.
 */
export async function POST(req: Request) {
  const back = (query: string) => new Response(null, { status: 303, headers: { location: `/suggest?${query}#suggest-form`, "cache-control": "no-store" } });

  // Another site's form posting here is refused; the page explains, in the visitor's language.
  if (!isSameOrigin(req)) return back("error=CROSS_SITE");
  if (Number(req.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) return back("error=BAD_INPUT");
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    return back("error=BAD_INPUT");
  }
  const field = (name: string) => String(form.get(name) ?? "");
  const parsed = ZSuggestionInput.safeParse({
    title: field("title"),
    description: field("description"),
    category: field("category"),
    location: field("location"),
    contact: field("contact"),
  });
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0])))].join(",");
    return back(`error=BAD_INPUT&fields=${encodeURIComponent(fields)}`);
  }
  try {
    await submitSuggestion(db, clientKeyFrom(req.headers), parsed.data);
    return back("sent=1");
  } catch (e) {
    const refusal = e instanceof AppError ? e : appErrorFromDatabase(e);
    if (refusal) return back(`error=${refusal.code}`);
    console.error("suggestion failed", e);
    return back("error=INTERNAL");
  }
}
