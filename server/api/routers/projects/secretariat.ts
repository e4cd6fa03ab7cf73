import "server-only";
import { z } from "zod";
import { OK, ZCreated, ZOk, ZSessionIdInput } from "~/lib/schemas/common";
import {
  ZModerateInput,
  ZPendingPosts,
  ZProgressReport,
  ZProjectRating,
  ZRatingRound,
  ZRoundInput,
  ZStartRatingInput,
  ZSupervisionRow,
} from "~/lib/schemas/projects";
import { progressReport } from "../../../services/progress-report";
import { closeRatingRound, listRatingRounds, openRatingRound, publishRatingRound, ratingResults } from "../../../services/ratings";
import { moderate, pendingPosts } from "../../../services/resident-posts";
import { listSupervision } from "../../../services/supervision";
import { secretariatProcedure } from "../../trpc";

/** The secretariat follows up: the progress report, supervision, moderation of residents' posts, and the rating rounds. */
export const secretariatProcedures = {
  /** 进展情况汇总 of the session's approved projects, for the standing committee. */
  progressReport: secretariatProcedure
    .input(ZSessionIdInput)
    .output(ZProgressReport)
    .query(({ ctx, input }) => progressReport(ctx.db, input.sessionId)),
  supervision: secretariatProcedure
    .input(ZSessionIdInput)
    .output(z.array(ZSupervisionRow))
    .query(({ ctx, input }) => listSupervision(ctx.db, input.sessionId)),
  pending: secretariatProcedure.output(ZPendingPosts).query(({ ctx }) => pendingPosts(ctx.db)),
  moderate: secretariatProcedure
    .input(ZModerateInput)
    .output(ZOk)
    .mutation(async ({ ctx, input }) => {
      await moderate(ctx.db, ctx.actor, input.kind, input.id, input.approve);
      return OK;
    }),
  startRating: secretariatProcedure
    .input(ZStartRatingInput)
    .output(ZCreated)
    .mutation(async ({ ctx, input }) => ({
      id: await openRatingRound(ctx.db, ctx.actor, input.sessionId, input.title),
    })),
  closeRating: secretariatProcedure
    .input(ZRoundInput)
    .output(ZOk)
    .mutation(async ({ ctx, input }) => {
      await closeRatingRound(ctx.db, ctx.actor, input.roundId);
      return OK;
    }),
  publishRating: secretariatProcedure
    .input(ZRoundInput)
    .output(ZOk)
    .mutation(async ({ ctx, input }) => {
      await publishRatingRound(ctx.db, ctx.actor, input.roundId);
      return OK;
    }),
  /** The session's rating rounds, newest first: what the secretariat's close and publish buttons act on. */
  rounds: secretariatProcedure
    .input(ZSessionIdInput)
    .output(z.array(ZRatingRound))
    .query(({ ctx, input }) => listRatingRounds(ctx.db, input.sessionId)),
  /** Staff (not the public) may see a round's counts before publication. */
  ratingCounts: secretariatProcedure
    .input(ZRoundInput)
    .output(z.array(ZProjectRating))
    .query(({ ctx, input }) => ratingResults(ctx.db, input.roundId, false)),
};
