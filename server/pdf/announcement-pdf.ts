import "server-only";
import PDFDocument from "pdfkit";
import type { AnnouncementText } from "~/lib/announcement";
import type { Locale } from "~/lib/i18n/config";
import { cjkFonts } from "./cjk-fonts";

const MM = 72 / 25.4;
/** The margins of an official document on A4, as the printed page uses (components/console/announcement.tsx). */
const MARGINS = { top: 25 * MM, bottom: 20 * MM, left: 20 * MM, right: 20 * MM };
const BODY = 12;
const TABLE = 10.5;
const PAD = 4;
/** 序号, project, unit, 赞成, 反对, 弃权, outcome. */
const ALIGN = ["center", "left", "left", "right", "right", "right", "center"] as const;
/** Columns that never wrap (numbers, the outcome): as wide as their widest cell or heading. */
const NARROW = new Set([0, 3, 4, 5, 6]);
/** What the narrow columns leave goes to the project (3 parts) and the unit (2 parts). */
const SHARE: Record<number, number> = { 1: 0.6, 2: 0.4 };

export interface AnnouncementPdfMeta {
  locale: Locale;
  /** The document's date (publication): fixed, so the same 公告 renders to the same bytes. */
  date: Date;
}

/**
 * Lays out a 公告 on A4: the title, the paragraphs, the result table (its header repeated on
 * each page), the closing and the issuer with the date at the right. The text is the page's
 * own (lib/announcement.ts); this only sets it in type.
 */
export async function renderAnnouncementPdf(text: AnnouncementText, meta: AnnouncementPdfMeta): Promise<Buffer> {
  const fonts = await cjkFonts();
  const doc = new PDFDocument({
    size: "A4",
    margins: MARGINS,
    lang: meta.locale,
    displayTitle: true,
    info: { Title: text.title.join(" "), Author: text.issuer, CreationDate: meta.date, ModDate: meta.date },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  // PDFKit takes a parsed fontkit font as a source; its types only list files and buffers.
  doc.registerFont("regular", fonts.regular as unknown as Buffer);
  doc.registerFont("bold", fonts.bold as unknown as Buffer);
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;

  doc.font("bold").fontSize(18);
  for (const line of text.title) doc.text(line, { align: "center", lineGap: 4 });
  doc.moveDown(1);

  const paragraph = (p: string) => {
    doc
      .font("regular")
      .fontSize(BODY)
      .text(p, left, doc.y, { width, indent: 2 * BODY, lineGap: BODY * 0.6, paragraphGap: BODY * 0.4 });
  };
  text.before.forEach(paragraph);
  doc.moveDown(0.5);
  drawTable(doc, text.table, left, width, bottom);
  doc.moveDown(0.8);
  text.after.forEach(paragraph);

  // The issuer, the date and the chain head stay together, a little below the text, on the right.
  doc.font("regular").fontSize(BODY);
  const footerHeight = 6 * BODY * 1.6;
  if (doc.y + footerHeight > bottom()) doc.addPage();
  doc.moveDown(2);
  doc.text(text.issuer, left, doc.y, { width, align: "right", lineGap: BODY * 0.6 });
  doc.text(text.date, left, doc.y, { width, align: "right" });
  doc.moveDown(1.5);
  doc.fontSize(TABLE).text(text.anchor, left, doc.y, { width, align: "right" });

  doc.end();
  return done;
}

function drawTable(doc: PDFKit.PDFDocument, table: AnnouncementText["table"], left: number, width: number, bottom: () => number) {
  const all = [table.header, ...table.rows];
  const natural = table.header.map((_, j) =>
    Math.max(
      ...all.map((r, i) => {
        doc.font(i === 0 ? "bold" : "regular").fontSize(TABLE);
        return doc.widthOfString(r[j] ?? "") + 2 * PAD + 1;
      }),
    ),
  );
  const narrow = natural.reduce((sum, w, j) => (NARROW.has(j) ? sum + w : sum), 0);
  const widths = natural.map((w, j) => (NARROW.has(j) ? w : (width - narrow) * SHARE[j]!));
  const rowHeight = (cells: string[]) => Math.max(...cells.map((c, j) => doc.heightOfString(c, { width: widths[j]! - 2 * PAD }))) + 2 * PAD;

  const drawRow = (cells: string[], header: boolean) => {
    const font = () => doc.font(header ? "bold" : "regular").fontSize(TABLE);
    font();
    const h = rowHeight(cells);
    if (doc.y + h > bottom()) {
      doc.addPage();
      if (!header) drawRow(table.header, true);
      font();
    }
    const y = doc.y;
    let x = left;
    cells.forEach((cell, j) => {
      const w = widths[j]!;
      if (header) doc.rect(x, y, w, h).fillAndStroke("#eeeeee", "#222222").fillColor("#000000");
      else doc.rect(x, y, w, h).lineWidth(0.6).stroke("#222222");
      doc.text(cell, x + PAD, y + PAD, { width: w - 2 * PAD, align: header ? "center" : ALIGN[j] });
      x += w;
    });
    doc.x = left;
    doc.y = y + h;
  };

  drawRow(table.header, true);
  for (const row of table.rows) drawRow(row, false);
}
