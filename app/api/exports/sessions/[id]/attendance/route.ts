import { TABLE_DOWNLOADS, tableDownloadRoute } from "~/server/http/table-download";

/** 签到表: every seated delegate of the session with their check-in time; secretariat only. CSV or XLSX. */
export const GET = tableDownloadRoute(TABLE_DOWNLOADS.attendance);
