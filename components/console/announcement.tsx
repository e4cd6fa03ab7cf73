import { TIME_ZONE } from "~/lib/format";
import type { Locale } from "~/lib/i18n/config";
import type { Translate } from "~/lib/i18n/translate";
import type { TPollView } from "~/lib/schemas/vote";

export interface AnnouncementData {
  sessionName: string;
  year: number;
  poll: Pick<
    TPollView,
    "kind" | "seats" | "basis" | "seated" | "present" | "issued" | "returned" | "closedAt" | "publishedAt" | "candidates"
  > & { result: NonNullable<TPollView["result"]> };
  /** resultTable's rows, in order of FOR votes: [rank, title, unit, for, against, abstain, notVoted, outcome]. */
  rows: (string | number)[][];
}

/**
 * Print: the page alone on A4 with the margins of an official document; the site
 * header, the skip link and the controls are not printed.
 */
const PRINT_CSS = `
@page { size: A4; margin: 25mm 20mm 20mm; }
@media print {
  html { font-size: 12pt; }
  body { background: #fff; }
  body > header, body > a[href="#main"] { display: none !important; }
  main#main { max-width: none; margin: 0; padding: 0; }
  .announcement { max-width: none; margin: 0; padding: 0; border: 0; box-shadow: none; }
  .announcement thead { display: table-header-group; }
  .announcement tr { break-inside: avoid; }
  .announcement footer { break-inside: avoid; }
}
`;

function longDate(date: Date | null, locale: Locale): string {
  return date ? new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, year: "numeric", month: "long", day: "numeric" }).format(date) : "";
}

/** 公告: the customary form — title, the session's figures, the projects by votes, and the presidium's name and date. */
export function Announcement({ t, locale, data }: { t: Translate; locale: Locale; data: AnnouncementData }) {
  const { poll, sessionName, year, rows } = data;
  const result = poll.result;
  const selected = result.candidates.filter((c) => c.selected).length;
  const titleOf = new Map(poll.candidates.map((c) => [c.id, c.title]));
  const runoffTitles = result.runoff
    .map((id) => t("console.announcement.quoted", { title: titleOf.get(id) ?? id }))
    .join(t("console.announcement.listSeparator"));
  const basis = t(`console.announcement.basis.${poll.basis}`);
  const para = "indent-[2em] leading-loose";
  // Chinese sentences run on; English ones need a space between them.
  const gap = locale === "en" ? " " : "";
  const cell = "border border-stone-800 px-2 py-1";
  return (
    <article
      className="announcement mx-auto w-full max-w-[210mm] border border-stone-300 bg-white p-4 font-serif text-lg shadow-sm sm:p-[18mm]"
      aria-labelledby="announcement-title"
    >
      <style>{PRINT_CSS}</style>
      <header className="mb-6 text-center">
        <h1 id="announcement-title" className="text-2xl leading-relaxed font-bold">
          <span className="block">{sessionName}</span>
          <span className="block">{t("console.announcement.title", { year })}</span>
        </h1>
      </header>
      <p className={para}>
        {t("console.announcement.opening", { session: sessionName, date: longDate(poll.closedAt ?? poll.publishedAt, locale), year })}
        {gap}
        {t("console.announcement.figures", {
          seated: poll.seated ?? 0,
          present: poll.present ?? 0,
          issued: poll.issued ?? 0,
          returned: poll.returned ?? 0,
          valid: result.valid,
          invalid: result.invalid,
        })}
      </p>
      <p className={para}>
        {poll.kind === "EQUAL"
          ? t("console.announcement.ruleEqual", { count: poll.candidates.length, basis })
          : t("console.announcement.ruleCompetitive", { count: poll.candidates.length, seats: poll.seats, basis })}
        {gap}
        {t("console.announcement.resultIntro")}
      </p>
      <table className="my-4 w-full border-collapse text-base">
        <caption className="sr-only">{t("console.announcement.tableCaption", { year })}</caption>
        <thead>
          <tr className="bg-stone-100">
            <th scope="col" className={`${cell} whitespace-nowrap`}>
              {t("console.announcement.position")}
            </th>
            <th scope="col" className={cell}>
              {t("console.exports.headings.project")}
            </th>
            <th scope="col" className={cell}>
              {t("console.exports.headings.unit")}
            </th>
            <th scope="col" className={`${cell} whitespace-nowrap`}>
              {t("console.exports.headings.for")}
            </th>
            <th scope="col" className={`${cell} whitespace-nowrap`}>
              {t("console.exports.headings.against")}
            </th>
            <th scope="col" className={`${cell} whitespace-nowrap`}>
              {t("console.exports.headings.abstain")}
            </th>
            <th scope="col" className={`${cell} whitespace-nowrap`}>
              {t("console.exports.headings.outcome")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              <td className={`${cell} text-center tabular-nums`}>{i + 1}</td>
              <th scope="row" className={`${cell} text-left font-normal`}>
                {r[1]}
              </th>
              <td className={cell}>{r[2]}</td>
              <td className={`${cell} text-right tabular-nums`}>{r[3]}</td>
              <td className={`${cell} text-right tabular-nums`}>{r[4]}</td>
              <td className={`${cell} text-right tabular-nums`}>{r[5]}</td>
              <td className={`${cell} text-center whitespace-nowrap`}>{r[7]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className={para}>
        {poll.kind === "EQUAL"
          ? t("console.announcement.summaryEqual", { passed: selected, year })
          : t("console.announcement.summaryCompetitive", { selected, year })}
        {result.runoff.length > 0 && gap + t("console.announcement.runoff", { titles: runoffTitles })}
        {poll.kind === "COMPETITIVE" && result.unfilled > 0 && gap + t("console.announcement.unfilled", { count: result.unfilled })}
      </p>
      <p className={para}>{t("console.announcement.closing")}</p>
      <footer className="mt-12 text-right leading-loose">
        <p>{t("console.announcement.issuer", { session: sessionName })}</p>
        <p>{longDate(poll.publishedAt, locale)}</p>
      </footer>
    </article>
  );
}
