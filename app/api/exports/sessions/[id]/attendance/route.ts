import { DOWNLOADS, downloadRoute } from "~/server/http/table-download";

/** 签到表: every seated delegate of the session with their check-in time; secretariat only. CSV or XLSX. */
export const GET = downloadRoute(DOWNLOADS.attendance);
