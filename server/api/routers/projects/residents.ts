import "server-only";
import { z } from "zod";
import { ZByIdInput, ZCreated, ZSessionIdInput } from "~/lib/schemas/common";
import { ZFeedbackInput, ZProjectCard, ZProjectPage, ZProjectRating, ZRoundInput, ZSuggestionInput } from "~/lib/schemas/projects";
import { listPublicProjects, getPublicProject } from "../../../services/public-projects";
import { ratingResults } from "../../../services/ratings";
import { submitFeedback, submitSuggestion } from "../../../services/resident-posts";
import { publicProcedure } from "../../trpc";

/** Residents (anyone, no sign-in): they read the approved projects and post suggestions and feedback, shown once moderated. */
export const residentProcedures = {
  list: publicProcedure
    .input(ZSessionIdInput)
    .output(z.array(ZProjectCard))
    .query(({ ctx, input }) => listPublicProjects(ctx.db, input.sessionId)),
  get: publicProcedure
    .input(ZByIdInput)
    .output(ZProjectPage)
    .query(({ ctx, input }) => getPublicProject(ctx.db, input.id)),
  suggest: publicProcedure
    .input(ZSuggestionInput)
    .output(ZCreated)
    .mutation(async ({ ctx, input }) => ({ id: await submitSuggestion(ctx.db, ctx.client, input) })),
  feedback: publicProcedure
    .input(ZFeedbackInput)
    .output(ZCreated)
    .mutation(async ({ ctx, input }) => ({ id: await submitFeedback(ctx.db, ctx.client, input) })),
  ratingResults: publicProcedure
    .input(ZRoundInput)
    .output(z.array(ZProjectRating))
    .query(({ ctx, input }) => ratingResults(ctx.db, input.roundId)),
};
