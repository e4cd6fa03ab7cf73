import { z } from "zod";
import { ZAuditRow } from "~/server/domain/audit-chain";
import { ZBallotRecord } from "~/server/domain/ballot-record";
import { ZId } from "./common";
import { ZProgressReport } from "./projects";
import { ZAnnouncementSource, ZAttendanceSheet } from "./vote";

/**
 * What a session's archive (会议档案) is written from (exports.archive): each published
 * poll's 公告 source and ballot record, the attendance list, the progress report, and the
 * audit chain from its start, read after the records so that each record's auditHead is in it.
 */
export const ZSessionArchiveSource = z.object({
  session: z.object({ id: ZId, name: z.string(), year: z.number().int() }),
  polls: z.array(z.object({ announcement: ZAnnouncementSource, record: ZBallotRecord })),
  attendance: ZAttendanceSheet,
  progress: ZProgressReport,
  auditLog: z.array(ZAuditRow),
});
export type TSessionArchiveSource = z.infer<typeof ZSessionArchiveSource>;
