import "server-only";
import { ZRosterFileInput, ZRosterPreview } from "~/lib/schemas/roster";
import { importRosterFile, previewRosterFile } from "../../services/roster-import";
import { router, secretariatProcedure } from "../trpc";

export const rosterRouter = router({
  /** Checks every row; writes nothing. */
  preview: secretariatProcedure
    .input(ZRosterFileInput)
    .output(ZRosterPreview)
    .mutation(({ ctx, input }) => previewRosterFile(ctx.db, input)),
  /** All or nothing; refused (BAD_INPUT) while any row has a problem. */
  import: secretariatProcedure
    .input(ZRosterFileInput)
    .output(ZRosterPreview)
    .mutation(({ ctx, input }) => importRosterFile(ctx.db, ctx.actor, input)),
});
