import "server-only";
import type { Db } from "../db-client";
import { AppError } from "../errors";
import type { TAttendanceSheet } from "~/lib/schemas/vote";

/** 签到表's rows: every seated (active) delegate with their check-in time and how, by delegation and seat. */
export async function attendanceSheet(db: Db, sessionId: string): Promise<TAttendanceSheet> {
  const session = await db.congressSession.findUnique({ where: { id: sessionId }, select: { name: true } });
  if (!session) throw new AppError("NOT_FOUND");
  const delegates = await db.delegate.findMany({
    where: { sessionId, active: true },
    orderBy: [{ delegation: { sortOrder: "asc" } }, { seat: "asc" }],
    select: {
      name: true,
      seat: true,
      cardCode: true,
      delegation: { select: { name: true } },
      checkIn: { select: { checkedInAt: true, method: true } },
    },
  });
  return {
    sessionName: session.name,
    rows: delegates.map((d) => ({
      delegationName: d.delegation.name,
      seat: d.seat,
      name: d.name,
      cardCode: d.cardCode,
      checkedInAt: d.checkIn?.checkedInAt ?? null,
      method: d.checkIn?.method ?? null,
    })),
  };
}
