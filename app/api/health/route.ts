import { db } from "~/server/db";

export const dynamic = "force-dynamic";

/** 200 only when the database answers: load balancers and the start script wait on this. */
export async function GET() {
  try {
    await db.$queryRaw`SELECT 1`;
    return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
  } catch {
    return Response.json({ status: "unavailable" }, { status: 503, headers: { "cache-control": "no-store" } });
  }
}
