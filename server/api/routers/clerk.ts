import "server-only";
import { z } from "zod";
import { ZSessionIdInput } from "~/lib/schemas/common";
import { ZPaperEntryInput, ZPaperStatus, ZPollCandidate, ZPollIdInput, ZPollStatus, ZPollSummary } from "~/lib/schemas/vote";
import { enterPaperBallot, getClerkSession, getPaperPoll, getPaperStatus } from "../../services/paper-ballots";
import { clerkProcedure, router } from "../trpc";

/** Tally clerks (计票人): the check-in desk and paper ballot entry. */
export const clerkRouter = router({
  /** The clerk's home: is check-in open, and which polls exist (paper entry opens once one is closed). */
  session: clerkProcedure
    .input(ZSessionIdInput)
    .output(z.object({ checkInOpen: z.boolean(), polls: z.array(ZPollSummary) }))
    .query(({ ctx, input }) => getClerkSession(ctx.db, input.sessionId)),
  paperPoll: clerkProcedure
    .input(ZPollIdInput)
    .output(
      z.object({
        id: z.string(),
        title: z.string(),
        kind: z.enum(["EQUAL", "COMPETITIVE"]),
        seats: z.number().int(),
        status: ZPollStatus,
        candidates: z.array(ZPollCandidate),
      }),
    )
    .query(({ ctx, input }) => getPaperPoll(ctx.db, input.pollId)),
  enterPaper: clerkProcedure
    .input(ZPaperEntryInput)
    .output(z.object({ matched: z.boolean() }))
    .mutation(({ ctx, input }) => enterPaperBallot(ctx.db, ctx.actor, input)),
  paperStatus: clerkProcedure
    .input(ZPollIdInput)
    .output(ZPaperStatus)
    .query(({ ctx, input }) => getPaperStatus(ctx.db, input.pollId)),
});
