import { DOWNLOADS, downloadRoute } from "~/server/http/table-download";

/** A filed session's archive (会议档案) as one zip; secretariat only. */
export const GET = downloadRoute(DOWNLOADS.archive);
