import "server-only";
import type { Db } from "../db-client";
import type { AuditRow } from "../domain/audit-chain";
import { sessionFiling } from "../domain/poll-lifecycle";
import { AppError } from "../errors";
import type { TSessionArchiveSource } from "~/lib/schemas/archive";
import { announcementSource } from "./announcement";
import { auditPages } from "./audit";
import { attendanceSheet } from "./exports";
import { getBallotRecord } from "./poll-result";
import { progressReport } from "./progress-report";

/**
 * What a session's archive (会议档案) holds, read for filing; NOT_FOUND unless the session
 * can be filed (sessionFiling: something published, nothing still being decided). Published
 * polls in the order they were published.
 */
export async function sessionArchiveSource(db: Db, sessionId: string): Promise<TSessionArchiveSource> {
  const session = await db.congressSession.findUnique({ where: { id: sessionId }, select: { id: true, name: true, year: true } });
  if (!session) throw new AppError("NOT_FOUND");
  const polls = await db.poll.findMany({
    where: { sessionId },
    select: { id: true, status: true },
    orderBy: [{ publishedAt: "asc" }, { createdAt: "asc" }],
  });
  if (sessionFiling(polls.map((p) => p.status)) !== "ready") throw new AppError("NOT_FOUND");
  const filed: TSessionArchiveSource["polls"] = [];
  for (const { id } of polls.filter((p) => p.status === "PUBLISHED")) {
    filed.push({ announcement: await announcementSource(db, id), record: await getBallotRecord(db, id) });
  }
  const attendance = await attendanceSheet(db, sessionId);
  const progress = await progressReport(db, sessionId);
  // The chain from its start (a chain verifies only from genesis), read last: every record's auditHead is an entry of it.
  const auditLog: AuditRow[] = [];
  for await (const page of auditPages(db)) auditLog.push(...page);
  return { session, polls: filed, attendance, progress, auditLog };
}
