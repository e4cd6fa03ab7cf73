import "server-only";
import type { Db } from "../db-client";
import { AppError } from "../errors";
import { renderAnnouncementPdf } from "../pdf/announcement-pdf";
import { announcementText, type AnnouncementData } from "~/lib/announcement";
import type { Locale } from "~/lib/i18n/config";
import { CATALOGS } from "~/lib/i18n/messages";
import { makeTranslate, type Translate } from "~/lib/i18n/translate";
import { localizedResultTable } from "./exports";

/** What a published poll's 公告 says, from the same result table the CSV/XLSX exports hold. NOT_FOUND unless published. */
export async function loadAnnouncement(db: Db, pollId: string, t: Translate): Promise<AnnouncementData> {
  const table = await localizedResultTable(db, pollId, t);
  const { poll } = table;
  if (!poll.result) throw new AppError("NOT_FOUND");
  const session = await db.congressSession.findUniqueOrThrow({ where: { id: poll.sessionId }, select: { name: true, year: true } });
  return { sessionName: session.name, year: session.year, poll: { ...poll, result: poll.result }, rows: table.rows };
}

export interface AnnouncementFile {
  pdf: Buffer;
  /** In the document's language, without extension, e.g. 民生实事项目票决-结果公告. */
  title: string;
}

/**
 * A published poll's 公告 as a PDF for filing (归档), in the given language. A plain
 * function of the database, no request involved: the download route calls it, and so can
 * the session archive for every poll of a session. Rendering the same poll twice gives the
 * same bytes (dates fixed to the publication).
 */
export async function announcementPdf(db: Db, pollId: string, locale: Locale): Promise<AnnouncementFile> {
  const t = makeTranslate(CATALOGS[locale]);
  const data = await loadAnnouncement(db, pollId, t);
  const text = announcementText(data, t, locale);
  const pdf = await renderAnnouncementPdf(text, { locale, date: data.poll.publishedAt ?? data.poll.closedAt ?? new Date(0) });
  return { pdf, title: t("console.announcement.fileName", { title: data.poll.title }) };
}
