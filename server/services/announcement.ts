import "server-only";
import type { Db } from "../db-client";
import { renderAnnouncementPdf } from "../pdf/announcement-pdf";
import { announcementData, announcementText } from "~/lib/announcement";
import type { Locale } from "~/lib/i18n/config";
import { CATALOGS } from "~/lib/i18n/messages";
import { makeTranslate } from "~/lib/i18n/translate";
import type { TAnnouncementSource } from "~/lib/schemas/vote";
import { getPublishedPollView } from "./poll-view";

/** What a published poll's 公告 is written from; NOT_FOUND unless published. */
export async function announcementSource(db: Db, pollId: string): Promise<TAnnouncementSource> {
  const poll = await getPublishedPollView(db, pollId);
  const [session, { auditHead }] = await Promise.all([
    db.congressSession.findUniqueOrThrow({ where: { id: poll.sessionId }, select: { name: true, year: true } }),
    db.poll.findUniqueOrThrow({ where: { id: pollId }, select: { auditHead: true } }),
  ]);
  // A published poll was certified, and certification records the head (the trigger keeps it).
  if (!auditHead) throw new Error(`published poll ${pollId} has no auditHead`);
  return { sessionName: session.name, year: session.year, poll, auditHead };
}

export interface AnnouncementFile {
  pdf: Buffer;
  /** In the document's language, without extension, e.g. 民生实事项目票决-结果公告. */
  title: string;
}

/** The 公告 as a PDF in the given language; the same source renders to the same bytes (dated at publication). */
export async function announcementPdfOf(source: TAnnouncementSource, locale: Locale): Promise<AnnouncementFile> {
  const t = makeTranslate(CATALOGS[locale]);
  const data = announcementData(source, t);
  const pdf = await renderAnnouncementPdf(announcementText(data, t, locale), {
    locale,
    date: data.poll.publishedAt ?? data.poll.closedAt ?? new Date(0),
  });
  return { pdf, title: t("console.announcement.fileName", { title: data.poll.title }) };
}

/**
 * A published poll's 公告 as a PDF for filing (归档). A plain function of the database, no
 * request involved: the session archive calls it for every poll of a session; the download
 * route reads the same source through exports.announcement.
 */
export async function announcementPdf(db: Db, pollId: string, locale: Locale): Promise<AnnouncementFile> {
  return announcementPdfOf(await announcementSource(db, pollId), locale);
}
