import { ZId } from "~/lib/schemas/common";
import { db } from "~/server/db";
import { AppError } from "~/server/errors";
import { getBallotRecord } from "~/server/services/poll-result";

/** The published ballot record (format in server/domain/ballot-record.ts) as a JSON download; anyone may recount it. */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!ZId.safeParse(id).success) return Response.json({ error: "NOT_FOUND" }, { status: 404 });
  try {
    const record = await getBallotRecord(db, id);
    return new Response(JSON.stringify(record, null, 2), {
      headers: {
        "content-type": "application/json; charset=utf-8",
        "content-disposition": `attachment; filename="ballot-record-${id}.json"`,
        // A published record never changes.
        "cache-control": "public, max-age=300",
      },
    });
  } catch (e) {
    if (e instanceof AppError && e.code === "NOT_FOUND") return Response.json({ error: "NOT_FOUND" }, { status: 404 });
    throw e;
  }
}
