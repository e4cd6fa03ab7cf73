import "server-only";
import { createHash } from "node:crypto";
import { zipSync } from "fflate";
import { attendanceTable, progressReportTable, tableToCsv } from "~/lib/export-tables";
import type { Locale } from "~/lib/i18n/config";
import type { Translate } from "~/lib/i18n/translate";
import type { TSessionArchiveSource } from "~/lib/schemas/archive";
import { auditRowLine, GENESIS_HASH } from "../domain/audit-chain";
import { announcementPdfOf } from "../services/announcement";

export const ARCHIVE_FORMAT = "minsheng-session-archive/1";
/** `sha256sum -c manifest.sha256` checks every other file of the archive. */
export const MANIFEST = "manifest.sha256";

/**
 * A session's archive (会议档案) as files, by path: ASCII names (a clerk's Windows unpacks
 * them as they are), every file but the manifest listed in it with its SHA-256, in the
 * format `sha256sum -c` reads. What each file is and how to check it: README.txt inside,
 * and the README's "The session archive".
 */
export async function sessionArchiveFiles(source: TSessionArchiveSource, t: Translate, locale: Locale): Promise<Map<string, Uint8Array>> {
  const text = (s: string) => new TextEncoder().encode(s);
  const files = new Map<string, Uint8Array>();
  const auditChain = { entries: source.auditLog.length, head: source.auditLog.at(-1)?.hash ?? GENESIS_HASH };
  const width = String(source.polls.length).length;
  const polls = [];
  for (const [i, { announcement, record }] of source.polls.entries()) {
    const stem = `polls/${String(i + 1).padStart(Math.max(2, width), "0")}`;
    const paths = { announcement: `${stem}-announcement.pdf`, ballotRecord: `${stem}-ballot-record.json` };
    files.set(paths.announcement, new Uint8Array((await announcementPdfOf(announcement, locale)).pdf));
    // As the record route serves it: `npm run recount` reads it as it is.
    files.set(paths.ballotRecord, text(JSON.stringify(record, null, 2)));
    polls.push({ id: record.poll.id, title: record.poll.title, auditHead: record.auditHead, ...paths });
  }
  files.set("attendance.csv", text(tableToCsv(attendanceTable(source.attendance, t, locale))));
  files.set("progress-report.csv", text(tableToCsv(progressReportTable(source.progress, t, locale))));
  files.set("audit-log.jsonl", text(source.auditLog.map((row) => auditRowLine(row) + "\n").join("")));
  const about = { format: ARCHIVE_FORMAT, session: source.session, filedAt: new Date().toISOString(), auditChain, polls };
  files.set("archive.json", text(JSON.stringify(about, null, 2) + "\n"));
  files.set(
    "README.txt",
    text(
      t("console.exports.archive.readme", { session: source.session.name, year: source.session.year, ...auditChain }).replaceAll(
        "\n",
        "\r\n",
      ),
    ),
  );
  const sums = [...files].map(([name, bytes]) => `${createHash("sha256").update(bytes).digest("hex")}  ${name}\n`);
  files.set(MANIFEST, text(sums.join("")));
  return files;
}

/** The archive as one zip file. */
export async function sessionArchiveZip(source: TSessionArchiveSource, t: Translate, locale: Locale): Promise<Uint8Array<ArrayBuffer>> {
  const files = await sessionArchiveFiles(source, t, locale);
  return new Uint8Array(zipSync(Object.fromEntries(files), { level: 6 }));
}
