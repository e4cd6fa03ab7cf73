import "server-only";
import { ZSessionIdInput } from "~/lib/schemas/common";
import { ZSessionOverview } from "~/lib/schemas/session";
import { getSessionOverview } from "../../services/sessions";
import { router, secretariatProcedure } from "../trpc";

export const secretariatRouter = router({
  overview: secretariatProcedure.input(ZSessionIdInput).output(ZSessionOverview).query(({ ctx, input }) => getSessionOverview(ctx.db, input.sessionId)),
});
