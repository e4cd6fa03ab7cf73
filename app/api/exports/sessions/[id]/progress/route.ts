import { TABLE_DOWNLOADS, tableDownloadRoute } from "~/server/http/table-download";

/** 进展情况汇总表 for the standing committee; secretariat only. CSV or XLSX. */
export const GET = tableDownloadRoute(TABLE_DOWNLOADS.progress);
