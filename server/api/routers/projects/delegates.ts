import "server-only";
import { ZCreated } from "~/lib/schemas/common";
import { ZOpenRound, ZRateInput, ZRateResult, ZSupervisionNoteInput } from "~/lib/schemas/projects";
import { openRoundFor, rateProjects } from "../../../services/ratings";
import { fileSupervisionNote } from "../../../services/supervision";
import { delegateProcedure } from "../../trpc";

/** Delegates supervise the approved projects of their own session (督办) and rate them at year end (测评). */
export const delegateProcedures = {
  fileNote: delegateProcedure
    .input(ZSupervisionNoteInput)
    .output(ZCreated)
    .mutation(async ({ ctx, input }) => ({ id: await fileSupervisionNote(ctx.db, ctx.actor, input) })),
  openRound: delegateProcedure.output(ZOpenRound.nullable()).query(({ ctx }) => openRoundFor(ctx.db, ctx.actor.sessionId)),
  rate: delegateProcedure
    .input(ZRateInput)
    .output(ZRateResult)
    .mutation(({ ctx, input }) => rateProjects(ctx.db, ctx.actor, input)),
};
