import { DOWNLOADS, downloadRoute } from "~/server/http/table-download";

/** 进展情况汇总表 for the standing committee; secretariat only. CSV or XLSX. */
export const GET = downloadRoute(DOWNLOADS.progress);
