import { DOWNLOADS, downloadRoute } from "~/server/http/table-download";

/** A published poll's 公告 as a PDF file for filing, in the reader's language; secretariat only. */
export const GET = downloadRoute(DOWNLOADS.announcement);
