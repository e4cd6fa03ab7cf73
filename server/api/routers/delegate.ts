import "server-only";
import { z } from "zod";
import { zStreamOf } from "~/lib/schemas/common";
import { ZDelegateHome } from "~/lib/schemas/session";
import {
  ZCastBallotInput,
  ZCastBallotResult,
  ZCheckInResult,
  ZDelegatePollView,
  ZDelegateSessionState,
  ZPollIdInput,
  ZSignoffView,
  ZSignoffInput,
} from "~/lib/schemas/vote";
import { castBallot } from "../../services/cast-ballot";
import { selfCheckIn } from "../../services/check-in";
import { delegateChanges, getDelegatePollView, getDelegateSessionState } from "../../services/delegate-views";
import { getCountForSignoff, signOff } from "../../services/sign-off";
import { getDelegateHome } from "../../services/sessions";
import { delegateProcedure, delegateSessionProcedure, refusalsMapped, router } from "../trpc";

/** A delegate sees only their own data: every query is keyed by ctx.actor, never by an id from input alone. */
export const delegateRouter = router({
  me: delegateProcedure.output(ZDelegateHome).query(({ ctx }) => getDelegateHome(ctx.db, ctx.actor.id)),
  state: delegateProcedure.output(ZDelegateSessionState).query(({ ctx }) => getDelegateSessionState(ctx.db, ctx.actor)),
  /**
   * The phone's live stream (SSE): this delegate's session state, again whenever what their
   * pages show may have changed, for their own session only (no input to name another).
   * It ends when the sign-in it was opened with ends (sign-out, disable, new credentials).
   */
  live: delegateProcedure
    .output(zStreamOf(ZDelegateSessionState))
    .subscription(({ ctx, signal }) => refusalsMapped(delegateChanges(ctx.db, { ...ctx.actor, jti: ctx.ref?.jti }, signal))),
  checkIn: delegateProcedure.output(ZCheckInResult).mutation(({ ctx }) => selfCheckIn(ctx.db, ctx.actor)),
  poll: delegateProcedure
    .input(ZPollIdInput)
    .output(ZDelegatePollView)
    .query(({ ctx, input }) => getDelegatePollView(ctx.db, ctx.actor, input.pollId)),
  // The storm's procedure: castBallot checks the account inside the ballot's own statement.
  cast: delegateSessionProcedure
    .input(ZCastBallotInput)
    .output(ZCastBallotResult)
    .mutation(({ ctx, input }) => castBallot(ctx.db, ctx.delegate, input)),
  /** Scrutineers see the count of a closed poll of their session to confirm it. */
  countForSignoff: delegateProcedure
    .input(ZPollIdInput)
    .output(ZSignoffView)
    .query(({ ctx, input }) => getCountForSignoff(ctx.db, ctx.actor, input.pollId)),
  signOff: delegateProcedure
    .input(ZSignoffInput)
    .output(z.object({ certified: z.boolean() }))
    .mutation(({ ctx, input }) => signOff(ctx.db, ctx.actor, input.pollId, input.resultHash)),
});
