import "server-only";
import { z } from "zod";
import { ZSessionIdInput } from "~/lib/schemas/common";
import {
  ZIssuePaperInput,
  ZPaperEntryInput,
  ZPaperStatus,
  ZPollCandidate,
  ZPollIdInput,
  ZPollStatus,
  ZPollSummary,
} from "~/lib/schemas/vote";
import {
  enterPaperBallot,
  finishPaperEntry,
  getClerkSession,
  getPaperPoll,
  getPaperStatus,
  issuePaperBallot,
} from "../../services/paper-ballots";
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
        mayEnter: z.boolean(),
      }),
    )
    .query(({ ctx, input }) => getPaperPoll(ctx.db, ctx.actor, input.pollId)),
  /** 发出 at the desk: a paper ballot for a checked-in delegate who has not voted on the phone. */
  issuePaper: clerkProcedure
    .input(ZIssuePaperInput)
    .output(z.object({ already: z.boolean() }))
    .mutation(({ ctx, input }) => issuePaperBallot(ctx.db, ctx.actor, input.pollId, input.delegateId)),
  /** The poll's tally clerks only (the service refuses anyone else: FORBIDDEN). */
  enterPaper: clerkProcedure
    .input(ZPaperEntryInput)
    .output(z.object({ matched: z.boolean() }))
    .mutation(({ ctx, input }) => enterPaperBallot(ctx.db, ctx.actor, input)),
  /** Paper entry is done: the count comes into being (the poll's clerks or the secretariat). */
  finishPaper: clerkProcedure
    .input(ZPollIdInput)
    .output(z.object({ status: ZPollStatus }))
    .mutation(({ ctx, input }) => finishPaperEntry(ctx.db, ctx.actor, input.pollId)),
  paperStatus: clerkProcedure
    .input(ZPollIdInput)
    .output(ZPaperStatus)
    .query(({ ctx, input }) => getPaperStatus(ctx.db, input.pollId)),
});
