import { getActor } from "~/server/auth/session";
import { staffMayAct } from "~/server/domain/permissions";
import { rosterTemplate } from "~/server/services/roster-import";

const FILE_NAME = "代表名册模板.xlsx";

/** The roster template (header row and one example) for the secretariat to fill in. */
export async function GET() {
  const actor = await getActor();
  if (!actor || actor.kind !== "staff" || !staffMayAct(actor.role, "SECRETARIAT"))
    return Response.json({ error: "FORBIDDEN" }, { status: 403 });
  const body = await rosterTemplate();
  return new Response(new Uint8Array(body), {
    headers: {
      "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      // ASCII fallback first, then the Chinese name for browsers that read RFC 5987.
      "content-disposition": `attachment; filename="roster-template.xlsx"; filename*=UTF-8''${encodeURIComponent(FILE_NAME)}`,
      "cache-control": "private, no-store",
    },
  });
}
