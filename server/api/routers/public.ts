import "server-only";
import { z } from "zod";
import { ZByIdInput, ZSessionIdInput, zStreamOf } from "~/lib/schemas/common";
import { ZCandidateDetail, ZDemoDataSet, ZPublicSession } from "~/lib/schemas/session";
import { ZPollIdInput, ZPollSummary, ZPollView, ZReceiptCodeInput, ZReceiptPolls, ZTrackerLookupInput, ZTurnout } from "~/lib/schemas/vote";
import { getDemoDataSet } from "../../services/demo-data-set";
import { findReceipt, lookupTracker } from "../../services/poll-result";
import { getPublishedPollView, listPolls } from "../../services/poll-view";
import { sessionChanges } from "../../services/realtime";
import { getCandidateDetail, getCurrentSession } from "../../services/sessions";
import { getTurnout } from "../../services/turnout";
import { publicProcedure, router } from "../trpc";

/** What anyone may read without signing in: the slate, published results, and turnout counts (never a choice before publication). */
export const publicRouter = router({
  currentSession: publicProcedure.output(ZPublicSession.nullable()).query(({ ctx }) => getCurrentSession(ctx.db)),
  /** Whether this is demo data (and the follow-up's "as of" day): every page that shows data says so. */
  demoDataSet: publicProcedure.output(ZDemoDataSet.nullable()).query(({ ctx }) => getDemoDataSet(ctx.db)),
  candidate: publicProcedure
    .input(ZByIdInput)
    .output(ZCandidateDetail)
    .query(({ ctx, input }) => getCandidateDetail(ctx.db, input.id)),
  publishedPolls: publicProcedure
    .input(ZSessionIdInput)
    .output(z.array(ZPollSummary))
    .query(async ({ ctx, input }) => (await listPolls(ctx.db, input.sessionId)).filter((p) => p.status === "PUBLISHED")),
  result: publicProcedure
    .input(ZPollIdInput)
    .output(ZPollView)
    .query(({ ctx, input }) => getPublishedPollView(ctx.db, input.pollId)),
  lookupTracker: publicProcedure
    .input(ZTrackerLookupInput)
    .output(z.object({ found: z.boolean(), choices: z.record(z.string(), z.string()).nullable() }))
    .query(({ ctx, input }) => lookupTracker(ctx.db, input.pollId, input.tracker)),
  findReceipt: publicProcedure
    .input(ZReceiptCodeInput)
    .output(ZReceiptPolls)
    .query(({ ctx, input }) => findReceipt(ctx.db, input.tracker)),
  turnout: publicProcedure
    .input(ZSessionIdInput)
    .output(ZTurnout)
    .query(({ ctx, input }) => getTurnout(ctx.db, input.sessionId)),
  /** The hall screen and the cockpit: a fresh snapshot whenever the session changes (LISTEN/NOTIFY, so any app server). */
  liveTurnout: publicProcedure
    .input(ZSessionIdInput)
    .output(zStreamOf(ZTurnout))
    .subscription(async function* ({ ctx, input, signal }) {
      // A delegate's sign-in ending ("account") changes no turnout, and is nobody's business here.
      for await (const _ of sessionChanges(input.sessionId, signal, { accept: (event) => event.kind !== "account" })) {
        yield await getTurnout(ctx.db, input.sessionId);
      }
    }),
});
