import "server-only";
import { z } from "zod";
import { ZSessionIdInput } from "~/lib/schemas/common";
import { ZSessionOverview } from "~/lib/schemas/session";
import {
  ZCheckInResult,
  ZCloseOutlook,
  ZCreatePollInput,
  ZDelegateRow,
  ZDeskCheckInInput,
  ZFindDelegatesInput,
  ZPollIdInput,
  ZPollSummary,
  ZPollView,
  ZSetCheckInOpenInput,
  ZTurnout,
  ZVoidPollInput,
  ZPollStatus,
} from "~/lib/schemas/vote";
import { getCloseOutlook } from "../../services/close-outlook";
import { deskCheckIn, findDelegates, setCheckInOpen } from "../../services/check-in";
import { issueLoginToken } from "../../services/login-tokens";
import {
  closePoll,
  createPoll,
  createRunoff,
  getPollView,
  getTurnout,
  listPolls,
  openPoll,
  publishPoll,
  voidPoll,
} from "../../services/polls";
import { getSessionOverview } from "../../services/sessions";
import { clerkProcedure, router, secretariatProcedure } from "../trpc";

const ZOk = z.object({ ok: z.literal(true) });
const ok = { ok: true as const };

export const secretariatRouter = router({
  overview: secretariatProcedure
    .input(ZSessionIdInput)
    .output(ZSessionOverview)
    .query(({ ctx, input }) => getSessionOverview(ctx.db, input.sessionId)),
  turnout: secretariatProcedure
    .input(ZSessionIdInput)
    .output(ZTurnout)
    .query(({ ctx, input }) => getTurnout(ctx.db, input.sessionId)),
  setCheckInOpen: secretariatProcedure
    .input(ZSetCheckInOpenInput)
    .output(ZOk)
    .mutation(async ({ ctx, input }) => {
      await setCheckInOpen(ctx.db, ctx.actor, input.sessionId, input.open);
      return ok;
    }),
  /** The desk: a clerk finds a delegate and checks them in. */
  findDelegates: clerkProcedure
    .input(ZFindDelegatesInput)
    .output(z.array(ZDelegateRow))
    .query(({ ctx, input }) => findDelegates(ctx.db, input.sessionId, input.query)),
  deskCheckIn: clerkProcedure
    .input(ZDeskCheckInInput)
    .output(ZCheckInResult)
    .mutation(({ ctx, input }) => deskCheckIn(ctx.db, ctx.actor, input.delegateId)),

  /** A new one-time QR sign-in token for a delegate's card; earlier unused ones stop working. */
  issueLoginToken: secretariatProcedure
    .input(ZDeskCheckInInput)
    .output(z.object({ token: z.string(), path: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const token = await issueLoginToken(ctx.db, ctx.actor, input.delegateId);
      return { token, path: `/t/${token}` };
    }),

  polls: secretariatProcedure
    .input(ZSessionIdInput)
    .output(z.array(ZPollSummary))
    .query(({ ctx, input }) => listPolls(ctx.db, input.sessionId)),
  poll: secretariatProcedure
    .input(ZPollIdInput)
    .output(ZPollView)
    .query(({ ctx, input }) => getPollView(ctx.db, input.pollId)),
  createPoll: secretariatProcedure
    .input(ZCreatePollInput)
    .output(z.object({ id: z.string() }))
    .mutation(async ({ ctx, input }) => ({ id: await createPoll(ctx.db, ctx.actor, input) })),
  openPoll: secretariatProcedure
    .input(ZPollIdInput)
    .output(ZOk)
    .mutation(async ({ ctx, input }) => {
      await openPoll(ctx.db, ctx.actor, input.pollId);
      return ok;
    }),
  /** Asked by the close dialog: can anything still pass on the turnout so far? Turnout only, never a count. */
  closeOutlook: secretariatProcedure
    .input(ZPollIdInput)
    .output(ZCloseOutlook)
    .query(({ ctx, input }) => getCloseOutlook(ctx.db, input.pollId)),
  closePoll: secretariatProcedure
    .input(ZPollIdInput)
    .output(z.object({ status: ZPollStatus }))
    .mutation(({ ctx, input }) => closePoll(ctx.db, ctx.actor, input.pollId)),
  voidPoll: secretariatProcedure
    .input(ZVoidPollInput)
    .output(ZOk)
    .mutation(async ({ ctx, input }) => {
      await voidPoll(ctx.db, ctx.actor, input.pollId, input.reason);
      return ok;
    }),
  publishPoll: secretariatProcedure
    .input(ZPollIdInput)
    .output(ZOk)
    .mutation(async ({ ctx, input }) => {
      await publishPoll(ctx.db, ctx.actor, input.pollId);
      return ok;
    }),
  createRunoff: secretariatProcedure
    .input(ZPollIdInput)
    .output(z.object({ id: z.string() }))
    .mutation(async ({ ctx, input }) => ({ id: await createRunoff(ctx.db, ctx.actor, input.pollId) })),
});
