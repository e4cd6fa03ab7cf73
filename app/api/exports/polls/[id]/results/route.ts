import { TABLE_DOWNLOADS, tableDownloadRoute } from "~/server/http/table-download";

/** A published poll's result, headed in the reader's language; secretariat only. CSV or XLSX. */
export const GET = tableDownloadRoute(TABLE_DOWNLOADS.results);
