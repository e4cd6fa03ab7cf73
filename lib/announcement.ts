import { resultTable } from "./export-tables";
import { formatLongDay, shortHash } from "./format";
import type { Locale } from "./i18n/config";
import type { Translate } from "./i18n/translate";
import type { TAnnouncementSource, TPollView } from "./schemas/vote";

/**
 * The 公告 (announcement) of a published poll, as words: the page and the PDF both lay out
 * exactly this, so the printed and the filed copy cannot say different things.
 */
export interface AnnouncementData {
  sessionName: string;
  year: number;
  poll: Pick<
    TPollView,
    | "title"
    | "kind"
    | "seats"
    | "basis"
    | "seated"
    | "present"
    | "issued"
    | "returned"
    | "paperIssued"
    | "paperReturned"
    | "closedAt"
    | "publishedAt"
    | "candidates"
    | "runoffOfId"
  > & { result: NonNullable<TPollView["result"]> };
  /** The result table's rows, in order of FOR votes: [rank, title, unit, for, against, abstain, notVoted, outcome]. */
  rows: (string | number)[][];
  /** The audit chain's head at certification. */
  auditHead: string;
}

export interface AnnouncementText {
  /** Two lines: the session, then what is announced. */
  title: [string, string];
  /** Before the table: the session's figures, then the rule. */
  before: string[];
  table: { caption: string; header: string[]; rows: string[][] };
  /** After the table: the outcome, then 现予公告. */
  after: string[];
  issuer: string;
  date: string;
  /** Below the date, small: the audit chain's head in its short form, which `npm run audit:verify -- --head` checks. */
  anchor: string;
}

/** The 公告's facts in the reader's language, its table the same as the result download's. */
export function announcementData({ sessionName, year, poll, auditHead }: TAnnouncementSource, t: Translate): AnnouncementData {
  if (!poll.result) throw new Error("a 公告 is written only for a published poll, which carries its result");
  const withResult = { ...poll, result: poll.result };
  return { sessionName, year, poll: withResult, rows: resultTable(withResult, t).rows, auditHead };
}

export function announcementText(data: AnnouncementData, t: Translate, locale: Locale): AnnouncementText {
  const { poll, sessionName: session, year, rows } = data;
  const result = poll.result;
  const isRunoff = poll.runoffOfId !== null;
  const count = poll.candidates.length;
  const basis = t(`console.announcement.basis.${poll.basis}`);
  // Chinese sentences run on; English ones need a space between them.
  const join = (parts: (string | false)[]) => parts.filter((p): p is string => !!p).join(locale === "en" ? " " : "");
  const date = poll.closedAt ?? poll.publishedAt;

  return {
    title: [session, isRunoff ? t("console.announcement.titleRunoff", { year }) : t("console.announcement.title", { year })],
    before: [
      join([
        isRunoff
          ? t("console.announcement.openingRunoff", { session, date: date ? formatLongDay(date, locale) : "", count })
          : t("console.announcement.opening", { session, date: date ? formatLongDay(date, locale) : "", year }),
        t("console.announcement.figures", {
          seated: poll.seated ?? 0,
          present: poll.present ?? 0,
          issued: poll.issued ?? 0,
          returned: poll.returned ?? 0,
          valid: result.valid,
          invalid: result.invalid,
        }),
        // Phone and paper stated apart, as the scrutineers reconciled them (DESIGN §4b).
        !!poll.paperIssued &&
          t("console.announcement.figuresPaper", {
            phoneIssued: (poll.issued ?? 0) - poll.paperIssued,
            phoneReturned: (poll.returned ?? 0) - (poll.paperReturned ?? 0),
            paperIssued: poll.paperIssued,
            paperReturned: poll.paperReturned ?? 0,
          }),
      ]),
      join([
        poll.kind === "EQUAL"
          ? t("console.announcement.ruleEqual", { count, basis })
          : t("console.announcement.ruleCompetitive", { count, seats: poll.seats, basis }),
        t("console.announcement.resultIntro"),
      ]),
    ],
    table: {
      caption: t("console.announcement.tableCaption", { year }),
      header: [
        t("console.announcement.position"),
        t("console.exports.headings.project"),
        t("console.exports.headings.unit"),
        t("console.exports.headings.for"),
        t("console.exports.headings.against"),
        t("console.exports.headings.abstain"),
        t("console.exports.headings.outcome"),
      ],
      rows: rows.map((r, i) => [String(i + 1), String(r[1]), String(r[2]), String(r[3]), String(r[4]), String(r[5]), String(r[7])]),
    },
    after: [outcomeText(data, t, join), t("console.announcement.closing")],
    issuer: t("console.announcement.issuer", { session }),
    date: poll.publishedAt ? formatLongDay(poll.publishedAt, locale) : "",
    anchor: t("console.announcement.auditHead", { code: shortHash(data.auditHead) }),
  };
}

/**
 * What the vote decided, as a clerk writes it: all, some or none passed (等额); places filled,
 * tied for a run-off, or left empty (差额) — never "0个项目入选，确定为…民生实事项目".
 */
function outcomeText(data: AnnouncementData, t: Translate, join: (parts: (string | false)[]) => string): string {
  const { poll, year } = data;
  const result = poll.result;
  const count = poll.candidates.length;
  const passed = result.candidates.filter((c) => c.passed).length;
  const selected = result.candidates.filter((c) => c.selected).length;
  if (poll.kind === "EQUAL") {
    if (passed === count) return t("console.announcement.summaryAllPassed", { count, year });
    if (passed === 0) return t("console.announcement.summaryNonePassed", { count, year });
    return t("console.announcement.summarySomePassed", { passed, failed: count - passed, count, year });
  }
  const titleOf = new Map(poll.candidates.map((c) => [c.id, c.title]));
  const tied = result.runoff.length > 0;
  const titles = result.runoff
    .map((id) => t("console.announcement.quoted", { title: titleOf.get(id) ?? id }))
    .join(t("console.announcement.listSeparator"));
  const basis = t(`console.announcement.basis.${poll.basis}`);
  return join([
    selected > 0
      ? t("console.announcement.summarySelected", { selected, year })
      : tied
        ? t("console.announcement.summaryNoneSelectedYet")
        : t("console.announcement.summaryNoneSelected", { basis, year }),
    tied && t("console.announcement.runoff", { titles, remaining: poll.seats - selected }),
    result.unfilled > 0 &&
      (result.unfilled >= poll.seats
        ? t("console.announcement.unfilledAll", { seats: poll.seats })
        : t("console.announcement.unfilledSome", { count: result.unfilled, seats: poll.seats })),
  ]);
}
