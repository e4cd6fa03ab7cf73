import "server-only";
import { ZSessionArchiveSource } from "~/lib/schemas/archive";
import { ZSessionIdInput } from "~/lib/schemas/common";
import { ZAnnouncementSource, ZAttendanceSheet, ZPollIdInput, ZPollView } from "~/lib/schemas/vote";
import { announcementSource } from "../../services/announcement";
import { attendanceSheet } from "../../services/exports";
import { getPublishedPollView } from "../../services/poll-view";
import { sessionArchiveSource } from "../../services/session-archive";
import { router, secretariatProcedure } from "../trpc";

/**
 * What the secretariat's table downloads read (server/http/table-download.ts): whoever may
 * call these may download the file, and nobody else. The progress report's download reads
 * projects.progressReport, like its printable page.
 */
export const exportsRouter = router({
  /** 签到表 of the session. */
  attendance: secretariatProcedure
    .input(ZSessionIdInput)
    .output(ZAttendanceSheet)
    .query(({ ctx, input }) => attendanceSheet(ctx.db, input.sessionId)),
  /** A published poll's result, as the result table and the 公告 show it; an unpublished one is NOT_FOUND. */
  results: secretariatProcedure
    .input(ZPollIdInput)
    .output(ZPollView)
    .query(({ ctx, input }) => getPublishedPollView(ctx.db, input.pollId)),
  /** What a published poll's 公告 (page and PDF) is written from; an unpublished one is NOT_FOUND. */
  announcement: secretariatProcedure
    .input(ZPollIdInput)
    .output(ZAnnouncementSource)
    .query(({ ctx, input }) => announcementSource(ctx.db, input.pollId)),
  /** What a filed session's archive (会议档案) holds; NOT_FOUND until the session can be filed. */
  archive: secretariatProcedure
    .input(ZSessionIdInput)
    .output(ZSessionArchiveSource)
    .query(({ ctx, input }) => sessionArchiveSource(ctx.db, input.sessionId)),
});
