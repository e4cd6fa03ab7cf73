import { ZId } from "~/lib/schemas/common";
import { ZFeedbackInput } from "~/lib/schemas/projects";
import { db } from "~/server/db";
import { handleResidentForm } from "~/server/http/resident-form";
import { submitFeedback } from "~/server/services/resident-posts";

/**
 * A resident's feedback on a project. Answers on the project's feedback page (the project
 * page itself is cached for everyone); nothing is shown publicly before the secretariat
 * approves it.
 */
export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!ZId.safeParse(id).success) return new Response(null, { status: 404 });
  return handleResidentForm(req, {
    back: (query) => `/projects/${id}/feedback?${query}#feedback`,
    // A feedback form is a few hundred characters; anything far larger is not a resident typing.
    maxBytes: 16 * 1024,
    parse: (field) => ZFeedbackInput.safeParse({ candidateId: id, body: field("body"), contact: field("contact") }),
    store: (client, input) => submitFeedback(db, client, input),
    what: "feedback",
  });
}
