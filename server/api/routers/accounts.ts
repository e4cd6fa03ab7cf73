import "server-only";
import { z } from "zod";
import { OK, ZOk, ZCreated } from "~/lib/schemas/common";
import { ZAuditPage, ZAuditQueryInput, ZCreateStaffInput, ZStaffRow, ZUpdateStaffInput } from "~/lib/schemas/accounts";
import { createStaff, listStaff, updateStaff } from "../../services/accounts";
import { queryAuditLog } from "../../services/audit";
import { adminProcedure, router, secretariatProcedure } from "../trpc";

/** Staff accounts are the administrator's; the audit log is readable by the secretariat. */
export const accountsRouter = router({
  list: adminProcedure.output(z.array(ZStaffRow)).query(({ ctx }) => listStaff(ctx.db)),
  create: adminProcedure
    .input(ZCreateStaffInput)
    .output(ZCreated)
    .mutation(async ({ ctx, input }) => ({ id: await createStaff(ctx.db, ctx.actor, input) })),
  update: adminProcedure
    .input(ZUpdateStaffInput)
    .output(ZOk)
    .mutation(async ({ ctx, input }) => {
      await updateStaff(ctx.db, ctx.actor, input);
      return OK;
    }),
  audit: secretariatProcedure
    .input(ZAuditQueryInput)
    .output(ZAuditPage)
    .query(({ ctx, input }) => queryAuditLog(ctx.db, input)),
});
