import "server-only";
import { z } from "zod";
import { ZByIdInput, ZSessionIdInput } from "~/lib/schemas/common";
import {
  ZFeedbackInput,
  ZModerateInput,
  ZPlanInput,
  ZProgressUpdateInput,
  ZRateInput,
  ZSuggestionInput,
  ZSupervisionNoteInput,
  ZSupervisionReplyInput,
} from "~/lib/schemas/projects";
import {
  getPublicProject,
  listDepartmentProjects,
  listPublicProjects,
  postProgressUpdate,
  progressReport,
  savePlan,
} from "../../services/projects";
import {
  closeRatingRound,
  listRatingRounds,
  openRatingRound,
  openRoundFor,
  publishRatingRound,
  rateProjects,
  ratingResults,
} from "../../services/ratings";
import { moderate, pendingPosts, submitFeedback, submitSuggestion } from "../../services/resident-posts";
import { fileSupervisionNote, listSupervision, replyToNote } from "../../services/supervision";
import { storage } from "../../storage";
import { delegateProcedure, publicProcedure, router, secretariatProcedure, staffProcedureAny } from "../trpc";

const ZOk = z.object({ ok: z.literal(true) });
const ok = { ok: true as const };
const ZCreated = z.object({ id: z.string() });
const ZRoundInput = z.object({ roundId: z.uuid() });

/**
 * After the vote. Residents read and post (moderated); departments edit only their own
 * projects (checked per object in the services); delegates supervise and rate.
 */
export const projectsRouter = router({
  list: publicProcedure.input(ZSessionIdInput).query(({ ctx, input }) => listPublicProjects(ctx.db, input.sessionId)),
  get: publicProcedure.input(ZByIdInput).query(({ ctx, input }) => getPublicProject(ctx.db, input.id)),
  suggest: publicProcedure
    .input(ZSuggestionInput)
    .output(ZCreated)
    .mutation(async ({ ctx, input }) => ({ id: await submitSuggestion(ctx.db, ctx.client, input) })),
  feedback: publicProcedure
    .input(ZFeedbackInput)
    .output(ZCreated)
    .mutation(async ({ ctx, input }) => ({ id: await submitFeedback(ctx.db, ctx.client, input) })),
  ratingResults: publicProcedure.input(ZRoundInput).query(({ ctx, input }) => ratingResults(ctx.db, input.roundId)),

  savePlan: staffProcedureAny
    .input(ZPlanInput)
    .output(ZOk)
    .mutation(async ({ ctx, input }) => {
      await savePlan(ctx.db, ctx.actor, input);
      return ok;
    }),
  postUpdate: staffProcedureAny
    .input(ZProgressUpdateInput)
    .output(ZCreated)
    .mutation(async ({ ctx, input }) => ({ id: await postProgressUpdate(ctx.db, storage, ctx.actor, input) })),
  /**
   * A department's own approved projects, with the supervision notes filed on them (full
   * text and replies: the public page shows only summaries). Other staff get an empty list.
   */
  mine: staffProcedureAny.query(({ ctx }) => listDepartmentProjects(ctx.db, ctx.actor)),
  reply: staffProcedureAny
    .input(ZSupervisionReplyInput)
    .output(ZCreated)
    .mutation(async ({ ctx, input }) => ({ id: await replyToNote(ctx.db, ctx.actor, input) })),

  fileNote: delegateProcedure
    .input(ZSupervisionNoteInput)
    .output(ZCreated)
    .mutation(async ({ ctx, input }) => ({ id: await fileSupervisionNote(ctx.db, ctx.actor, input) })),
  openRound: delegateProcedure
    .output(z.object({ id: z.string(), title: z.string() }).nullable())
    .query(({ ctx }) => openRoundFor(ctx.db, ctx.actor.sessionId)),
  rate: delegateProcedure
    .input(ZRateInput)
    .output(z.object({ receipt: z.string(), replay: z.boolean() }))
    .mutation(({ ctx, input }) => rateProjects(ctx.db, ctx.actor, input)),

  /** 进展情况汇总 of the session's approved projects, for the standing committee. */
  progressReport: secretariatProcedure.input(ZSessionIdInput).query(({ ctx, input }) => progressReport(ctx.db, input.sessionId)),
  supervision: secretariatProcedure.input(ZSessionIdInput).query(({ ctx, input }) => listSupervision(ctx.db, input.sessionId)),
  pending: secretariatProcedure.query(({ ctx }) => pendingPosts(ctx.db)),
  moderate: secretariatProcedure
    .input(ZModerateInput)
    .output(ZOk)
    .mutation(async ({ ctx, input }) => {
      await moderate(ctx.db, ctx.actor, input.kind, input.id, input.approve);
      return ok;
    }),
  startRating: secretariatProcedure
    .input(ZSessionIdInput.extend({ title: z.string().trim().min(2).max(100) }))
    .output(ZCreated)
    .mutation(async ({ ctx, input }) => ({
      id: await openRatingRound(ctx.db, ctx.actor, input.sessionId, input.title),
    })),
  closeRating: secretariatProcedure
    .input(ZRoundInput)
    .output(ZOk)
    .mutation(async ({ ctx, input }) => {
      await closeRatingRound(ctx.db, ctx.actor, input.roundId);
      return ok;
    }),
  publishRating: secretariatProcedure
    .input(ZRoundInput)
    .output(ZOk)
    .mutation(async ({ ctx, input }) => {
      await publishRatingRound(ctx.db, ctx.actor, input.roundId);
      return ok;
    }),
  /** The session's rating rounds, newest first: what the secretariat's close and publish buttons act on. */
  rounds: secretariatProcedure.input(ZSessionIdInput).query(({ ctx, input }) => listRatingRounds(ctx.db, input.sessionId)),
  /** Staff (not the public) may see a round's counts before publication. */
  ratingCounts: secretariatProcedure.input(ZRoundInput).query(({ ctx, input }) => ratingResults(ctx.db, input.roundId, false)),
});
