import "server-only";
import { ZDelegateHome } from "~/lib/schemas/session";
import { getDelegateHome } from "../../services/sessions";
import { delegateProcedure, router } from "../trpc";

/** A delegate sees only their own data: every query is keyed by ctx.actor.id, never by input. */
export const delegateRouter = router({
  me: delegateProcedure.output(ZDelegateHome).query(({ ctx }) => getDelegateHome(ctx.db, ctx.actor.id)),
});
