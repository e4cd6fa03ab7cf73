import { announcementText, type AnnouncementData } from "~/lib/announcement";
import type { Locale } from "~/lib/i18n/config";
import type { Translate } from "~/lib/i18n/translate";

export type { AnnouncementData };

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

/** 公告: the customary form — title, the session's figures, the projects by votes, and the presidium's name and date. */
export function Announcement({ t, locale, data }: { t: Translate; locale: Locale; data: AnnouncementData }) {
  const text = announcementText(data, t, locale);
  const para = "indent-[2em] leading-loose";
  const cell = "border border-stone-800 px-2 py-1";
  // Columns: 序号, project, unit, 赞成, 反对, 弃权, outcome.
  const cellClass = [
    `${cell} text-center tabular-nums`,
    "",
    cell,
    ...Array(3).fill(`${cell} text-right tabular-nums`),
    `${cell} text-center whitespace-nowrap`,
  ];
  return (
    <article
      className="announcement mx-auto w-full max-w-[210mm] border border-stone-300 bg-white p-4 font-serif text-lg shadow-sm sm:p-[18mm]"
      aria-labelledby="announcement-title"
    >
      <style>{PRINT_CSS}</style>
      <header className="mb-6 text-center">
        <h1 id="announcement-title" className="text-2xl leading-relaxed font-bold">
          {text.title.map((line) => (
            <span key={line} className="block">
              {line}
            </span>
          ))}
        </h1>
      </header>
      {text.before.map((p) => (
        <p key={p} className={para}>
          {p}
        </p>
      ))}
      <table className="my-4 w-full border-collapse text-base">
        <caption className="sr-only">{text.table.caption}</caption>
        <thead>
          <tr className="bg-stone-100">
            {text.table.header.map((h, j) => (
              <th key={h} scope="col" className={j === 1 || j === 2 ? cell : `${cell} whitespace-nowrap`}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {text.table.rows.map((r) => (
            <tr key={r[0]}>
              {r.map((value, j) =>
                j === 1 ? (
                  <th key={j} scope="row" className={`${cell} text-left font-normal`}>
                    {value}
                  </th>
                ) : (
                  <td key={j} className={cellClass[j]}>
                    {value}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {text.after.map((p) => (
        <p key={p} className={para}>
          {p}
        </p>
      ))}
      <footer className="mt-12 text-right leading-loose">
        <p>{text.issuer}</p>
        <p>{text.date}</p>
        <p className="mt-6 font-mono text-sm" data-testid="announcement-anchor">
          {text.anchor}
        </p>
      </footer>
    </article>
  );
}
