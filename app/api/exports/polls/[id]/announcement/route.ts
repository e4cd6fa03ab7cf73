import { secretariatDownload } from "~/server/api/table-export";
import { db } from "~/server/db";
import { announcementPdf } from "~/server/services/announcement";

/** A published poll's 公告 as a PDF file for filing, in the reader's language; secretariat only. */
export const GET = secretariatDownload(async (id, _t, locale) => {
  const { pdf, title } = await announcementPdf(db, id, locale);
  return { body: new Uint8Array(pdf), format: "pdf", title, asciiName: `poll-${id}-announcement` };
});
