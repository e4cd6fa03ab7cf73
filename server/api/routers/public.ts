import "server-only";
import { ZByIdInput } from "~/lib/schemas/common";
import { ZCandidateDetail, ZPublicSession } from "~/lib/schemas/session";
import { getCandidateDetail, getCurrentSession } from "../../services/sessions";
import { publicProcedure, router } from "../trpc";

/** What anyone may read without signing in. */
export const publicRouter = router({
  currentSession: publicProcedure.output(ZPublicSession.nullable()).query(({ ctx }) => getCurrentSession(ctx.db)),
  candidate: publicProcedure.input(ZByIdInput).output(ZCandidateDetail).query(({ ctx, input }) => getCandidateDetail(ctx.db, input.id)),
});
