import "server-only";
import { z } from "zod";
import { ZSessionIdInput } from "~/lib/schemas/common";
import { ZPaperEntryInput, ZPaperStatus, ZPollCandidate, ZPollIdInput, ZPollStatus, ZPollSummary } from "~/lib/schemas/vote";
import { AppError } from "../../errors";
import { enterPaperBallot, getPaperStatus } from "../../services/paper-ballots";
import { listPolls } from "../../services/polls";
import { clerkProcedure, router } from "../trpc";

/** Tally clerks (计票人): the check-in desk and paper ballot entry. */
export const clerkRouter = router({
  /** The clerk's home: is check-in open, and which polls exist (paper entry opens once one is closed). */
  session: clerkProcedure
    .input(ZSessionIdInput)
    .output(z.object({ checkInOpen: z.boolean(), polls: z.array(ZPollSummary) }))
    .query(async ({ ctx, input }) => {
      const s = await ctx.db.congressSession.findUnique({ where: { id: input.sessionId }, select: { checkInOpen: true } });
      if (!s) throw new AppError("NOT_FOUND");
      return { checkInOpen: s.checkInOpen, polls: await listPolls(ctx.db, input.sessionId) };
    }),
  paperPoll: clerkProcedure
    .input(ZPollIdInput)
    .output(z.object({ id: z.string(), title: z.string(), kind: z.enum(["EQUAL", "COMPETITIVE"]), seats: z.number().int(), status: ZPollStatus, candidates: z.array(ZPollCandidate) }))
    .query(async ({ ctx, input }) => {
      const p = await ctx.db.poll.findUnique({ where: { id: input.pollId }, include: { candidates: { orderBy: { position: "asc" } } } });
      if (!p) throw new AppError("NOT_FOUND");
      return {
        id: p.id, title: p.title, kind: p.kind, seats: p.seats, status: p.status,
        candidates: p.candidates.map((c) => ({ id: c.id, candidateId: c.candidateId, position: c.position, title: c.title, unitName: c.unitName, budgetWan: c.budgetWan.toFixed(2), targets: c.targets })),
      };
    }),
  enterPaper: clerkProcedure.input(ZPaperEntryInput).output(z.object({ matched: z.boolean() })).mutation(({ ctx, input }) => enterPaperBallot(ctx.db, ctx.actor, input)),
  paperStatus: clerkProcedure.input(ZPollIdInput).output(ZPaperStatus).query(({ ctx, input }) => getPaperStatus(ctx.db, input.pollId)),
});
