import { ZId } from "~/lib/schemas/common";
import { ZFeedbackInput } from "~/lib/schemas/projects";
import { clientKeyFrom } from "~/server/auth/options";
import { db } from "~/server/db";
import { AppError, appErrorFromDatabase } from "~/server/errors";
import { isSameOrigin } from "~/server/http/same-origin";
import { submitFeedback } from "~/server/services/resident-posts";

/** A feedback form is a few hundred characters; anything far larger is not a resident typing. */
const MAX_BODY_BYTES = 16 * 1024;

/**
 * A resident's feedback on a project, from a plain HTML form (works without JavaScript):
 * always answers with a redirect to the project's feedback page, saying `sent=1` or the
 * error code (and which fields were wrong), which that page localizes. Nothing is shown publicly
 * before the secretariat approves it (the service stores it as pending, and throttles).
 */
export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!ZId.safeParse(id).success) return new Response(null, { status: 404 });
  // Relative Location: correct behind any proxy, whatever host the request came in on.
  const back = (query: string) => new Response(null, { status: 303, headers: { location: `/projects/${id}/feedback?${query}#feedback`, "cache-control": "no-store" } });

  // Another site's form posting here is refused; the page explains, in the visitor's language.
  if (!isSameOrigin(req)) return back("error=CROSS_SITE");
  if (Number(req.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) return back("error=BAD_INPUT");
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    return back("error=BAD_INPUT");
  }
  const parsed = ZFeedbackInput.safeParse({ candidateId: id, body: String(form.get("body") ?? ""), contact: String(form.get("contact") ?? "") });
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0])))].join(",");
    return back(`error=BAD_INPUT&fields=${encodeURIComponent(fields)}`);
  }
  try {
    await submitFeedback(db, clientKeyFrom(req.headers), parsed.data);
    return back("sent=1");
  } catch (e) {
    const refusal = e instanceof AppError ? e : appErrorFromDatabase(e);
    if (refusal) return back(`error=${refusal.code}`);
    console.error("feedback failed", e);
    return back("error=INTERNAL");
  }
}
