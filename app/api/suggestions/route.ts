import { ZSuggestionInput } from "~/lib/schemas/projects";
import { db } from "~/server/db";
import { handleResidentForm } from "~/server/http/resident-form";
import { submitSuggestion } from "~/server/services/resident-posts";

/**
 * 征集: a resident's suggestion for next year's projects. Answers on the form's own page;
 * suggestions are pending until the secretariat approves them.
 */
export function POST(req: Request) {
  return handleResidentForm(req, {
    back: (query) => `/suggest?${query}#suggest-form`,
    // The form's fields together stay well under this; a larger body is not a resident typing.
    maxBytes: 32 * 1024,
    parse: (field) =>
      ZSuggestionInput.safeParse({
        title: field("title"),
        description: field("description"),
        category: field("category"),
        location: field("location"),
        contact: field("contact"),
      }),
    store: (client, input) => submitSuggestion(db, client, input),
    what: "suggestion",
  });
}
