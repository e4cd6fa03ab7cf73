import "server-only";
import { z } from "zod";
import { OK, ZCreated, ZOk, ZSessionIdInput } from "~/lib/schemas/common";
import {
  ZAddDelegationInput,
  ZCreateSessionInput,
  ZDelegateCard,
  ZDelegateIdsInput,
  ZResetPinResult,
  ZSessionSetup,
  ZSetClerksInput,
  ZSetScrutineersInput,
} from "~/lib/schemas/session-setup";
import { ZDeskCheckInInput } from "~/lib/schemas/vote";
import { setDelegateActive } from "../../services/accounts";
import { printDelegateCards, resetDelegatePin } from "../../services/delegate-cards";
import {
  addDelegation,
  createSession,
  getSessionSetup,
  listCongresses,
  listSessionDelegates,
  listSessions,
  setClerks,
  setScrutineers,
} from "../../services/session-setup";
import { router, secretariatProcedure } from "../trpc";

/** Session setup and delegates' cards: the secretariat's work before the session opens. */
export const setupRouter = router({
  congresses: secretariatProcedure
    .output(z.array(z.object({ id: z.string(), name: z.string() })))
    .query(({ ctx }) => listCongresses(ctx.db)),
  sessions: secretariatProcedure
    .output(z.array(z.object({ id: z.string(), name: z.string(), year: z.number().int(), congressName: z.string() })))
    .query(({ ctx }) => listSessions(ctx.db)),
  session: secretariatProcedure
    .input(ZSessionIdInput)
    .output(ZSessionSetup)
    .query(({ ctx, input }) => getSessionSetup(ctx.db, input.sessionId)),
  createSession: secretariatProcedure
    .input(ZCreateSessionInput)
    .output(ZCreated)
    .mutation(async ({ ctx, input }) => ({ id: await createSession(ctx.db, ctx.actor, input) })),
  addDelegation: secretariatProcedure
    .input(ZAddDelegationInput)
    .output(ZOk)
    .mutation(async ({ ctx, input }) => {
      await addDelegation(ctx.db, ctx.actor, input.sessionId, input.name);
      return OK;
    }),
  setScrutineers: secretariatProcedure
    .input(ZSetScrutineersInput)
    .output(ZOk)
    .mutation(async ({ ctx, input }) => {
      await setScrutineers(ctx.db, ctx.actor, input.sessionId, input.delegateIds);
      return OK;
    }),
  setClerks: secretariatProcedure
    .input(ZSetClerksInput)
    .output(ZOk)
    .mutation(async ({ ctx, input }) => {
      await setClerks(ctx.db, ctx.actor, input.sessionId, input.staffIds);
      return OK;
    }),
  /** Issues fresh QR tokens for the printed cards (revoking older ones) and returns the sheet's data. */
  printCards: secretariatProcedure
    .input(ZDelegateIdsInput.extend({ origin: z.url().max(200) }))
    .output(z.array(ZDelegateCard))
    .mutation(({ ctx, input }) =>
      printDelegateCards(ctx.db, ctx.actor, input.sessionId, input.origin.replace(/\/$/, ""), input.delegateIds),
    ),
  resetPin: secretariatProcedure
    .input(ZDeskCheckInInput)
    .output(ZResetPinResult)
    .mutation(async ({ ctx, input }) => ({ pin: await resetDelegatePin(ctx.db, ctx.actor, input.delegateId) })),
  setDelegateActive: secretariatProcedure
    .input(ZDeskCheckInInput.extend({ active: z.boolean() }))
    .output(ZOk)
    .mutation(async ({ ctx, input }) => {
      await setDelegateActive(ctx.db, ctx.actor, input.delegateId, input.active);
      return OK;
    }),
  delegates: secretariatProcedure
    .input(ZSessionIdInput)
    .output(
      z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          seat: z.string(),
          cardCode: z.string(),
          delegationName: z.string(),
          phone: z.string().nullable(),
          active: z.boolean(),
        }),
      ),
    )
    .query(({ ctx, input }) => listSessionDelegates(ctx.db, input.sessionId)),
});
