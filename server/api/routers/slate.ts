import "server-only";
import { z } from "zod";
import { OK, ZByIdInput, ZCreated, ZOk, ZSessionIdInput } from "~/lib/schemas/common";
import { ZCreateCandidateInput, ZReorderCandidatesInput, ZSlateCandidate, ZUpdateCandidateInput } from "~/lib/schemas/slate";
import {
  createCandidate,
  deleteCandidate,
  listDepartments,
  listSlate,
  listSuggestions,
  reorderSlate,
  updateCandidate,
} from "../../services/slate";
import { router, secretariatProcedure } from "../trpc";

const ZOption = z.array(z.object({ id: z.string(), name: z.string() }));

export const slateRouter = router({
  list: secretariatProcedure
    .input(ZSessionIdInput)
    .output(z.array(ZSlateCandidate))
    .query(({ ctx, input }) => listSlate(ctx.db, input.sessionId)),
  departments: secretariatProcedure.output(ZOption).query(({ ctx }) => listDepartments(ctx.db)),
  suggestions: secretariatProcedure
    .input(ZSessionIdInput)
    .output(ZOption)
    .query(async ({ ctx, input }) => (await listSuggestions(ctx.db, input.sessionId)).map((s) => ({ id: s.id, name: s.title }))),
  create: secretariatProcedure
    .input(ZCreateCandidateInput)
    .output(ZCreated)
    .mutation(async ({ ctx, input }) => ({ id: await createCandidate(ctx.db, ctx.actor, input) })),
  update: secretariatProcedure
    .input(ZUpdateCandidateInput)
    .output(ZOk)
    .mutation(async ({ ctx, input }) => {
      await updateCandidate(ctx.db, ctx.actor, input);
      return OK;
    }),
  delete: secretariatProcedure
    .input(ZByIdInput)
    .output(ZOk)
    .mutation(async ({ ctx, input }) => {
      await deleteCandidate(ctx.db, ctx.actor, input.id);
      return OK;
    }),
  reorder: secretariatProcedure
    .input(ZReorderCandidatesInput)
    .output(ZOk)
    .mutation(async ({ ctx, input }) => {
      await reorderSlate(ctx.db, ctx.actor, input.sessionId, input.candidateIds);
      return OK;
    }),
});
