import { DOWNLOADS, downloadRoute } from "~/server/http/table-download";

/** A published poll's result, headed in the reader's language; secretariat only. CSV or XLSX. */
export const GET = downloadRoute(DOWNLOADS.results);
