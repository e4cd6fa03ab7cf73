import "server-only";
import { z } from "zod";
import { OK, ZCreated, ZOk, ZSessionIdInput } from "~/lib/schemas/common";
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
  ZSetPollClerksInput,
  ZTurnout,
  ZVoidPollInput,
  ZPollStatus,
} from "~/lib/schemas/vote";
import { getCloseOutlook } from "../../services/close-outlook";
import { deskCheckIn, findDelegates, setCheckInOpen } from "../../services/check-in";
import { clearSignInDelay } from "../../services/sign-in-delay";
import { closePoll } from "../../services/close-poll";
import { createPoll } from "../../services/create-poll";
import { createRunoff } from "../../services/create-runoff";
import { issueLoginToken } from "../../services/login-tokens";
import { openPoll } from "../../services/open-poll";
import { setPollClerks } from "../../services/paper-ballots";
import { getPollView, listPolls } from "../../services/poll-view";
import { publishPoll } from "../../services/publish-poll";
import { getSessionOverview } from "../../services/sessions";
import { getTurnout } from "../../services/turnout";
import { voidPoll } from "../../services/void-poll";
import { clerkProcedure, router, secretariatProcedure } from "../trpc";

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
      return OK;
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
  /** The desk, after checking the card: lifts the wait wrong PINs put on a delegate's sign-in. */
  clearSignInDelay: clerkProcedure
    .input(ZDeskCheckInInput)
    .output(z.object({ cleared: z.boolean() }))
    .mutation(({ ctx, input }) => clearSignInDelay(ctx.db, ctx.actor, input.delegateId)),

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
    .output(ZCreated)
    .mutation(async ({ ctx, input }) => ({ id: await createPoll(ctx.db, ctx.actor, input) })),
  openPoll: secretariatProcedure
    .input(ZPollIdInput)
    .output(ZOk)
    .mutation(async ({ ctx, input }) => {
      await openPoll(ctx.db, ctx.actor, input.pollId);
      return OK;
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
  /** The poll's own tally clerks, replacing the session's for it (audited, shown to the scrutineers). */
  setPollClerks: secretariatProcedure
    .input(ZSetPollClerksInput)
    .output(ZOk)
    .mutation(async ({ ctx, input }) => {
      await setPollClerks(ctx.db, ctx.actor, input.pollId, input.staffIds);
      return OK;
    }),
  voidPoll: secretariatProcedure
    .input(ZVoidPollInput)
    .output(ZOk)
    .mutation(async ({ ctx, input }) => {
      await voidPoll(ctx.db, ctx.actor, input.pollId, input.reason);
      return OK;
    }),
  publishPoll: secretariatProcedure
    .input(ZPollIdInput)
    .output(ZOk)
    .mutation(async ({ ctx, input }) => {
      await publishPoll(ctx.db, ctx.actor, input.pollId);
      return OK;
    }),
  createRunoff: secretariatProcedure
    .input(ZPollIdInput)
    .output(ZCreated)
    .mutation(async ({ ctx, input }) => ({ id: await createRunoff(ctx.db, ctx.actor, input.pollId) })),
});
