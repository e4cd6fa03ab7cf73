import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { importRosterFile, previewRosterFile } from "~/server/services/roster-import";
import { createSessionFixture, db } from "./fixtures";

const fixture = (name: string) => readFileSync(`tests/fixtures/${name}`).toString("base64");

async function sessionWithDelegations() {
  const f = await createSessionFixture({ delegates: 0 });
  await db.delegation.createMany({ data: ["甲代表团", "乙代表团"].map((name) => ({ sessionId: f.session.id, name })) });
  return f;
}

async function xlsx(rows: (string | number)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("名册");
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString("base64");
}

describe("roster import", () => {
  it("imports a good CSV, and importing it again changes nothing", async () => {
    const f = await sessionWithDelegations();
    const input = { sessionId: f.session.id, fileName: "名册.csv", contentBase64: fixture("roster-good.csv") };
    const preview = await previewRosterFile(db, input);
    expect(preview.counts).toEqual({ create: 3, update: 0, unchanged: 0, error: 0 });
    expect(await db.delegate.count({ where: { sessionId: f.session.id } })).toBe(0); // preview writes nothing
    await importRosterFile(db, f.actors.secretariat, input);
    const stored = await db.delegate.findMany({
      where: { sessionId: f.session.id },
      orderBy: { seat: "asc" },
      include: { delegation: true },
    });
    expect(stored.map((d) => [d.name, d.delegation.name, d.seat, d.cardCode, d.phone])).toEqual([
      ["王建国", "甲代表团", "01-01", "RA0001", "13800000001"],
      ["李秀英", "甲代表团", "01-02", "RA0002", null],
      ["张志强", "乙代表团", "02-01", "RA0003", "13900000003"],
    ]);
    const again = await importRosterFile(db, f.actors.secretariat, input);
    expect(again.counts).toEqual({ create: 0, update: 0, unchanged: 3, error: 0 });
    expect((await db.delegate.findMany({ where: { sessionId: f.session.id } })).map((d) => d.updatedAt.getTime()).sort()).toEqual(
      stored.map((d) => d.updatedAt.getTime()).sort(),
    );
    expect(await db.auditLog.count({ where: { action: "roster.imported", sessionId: f.session.id } })).toBe(2);
  });

  it("lists every problem of a bad file and writes nothing", async () => {
    const f = await sessionWithDelegations();
    const input = { sessionId: f.session.id, fileName: "bad.csv", contentBase64: fixture("roster-bad.csv") };
    const preview = await previewRosterFile(db, input);
    const problems = Object.fromEntries(preview.rows.map((r) => [r.line, r.problems]));
    expect(problems).toEqual({
      2: ["MISSING_NAME"],
      3: ["DUPLICATE_CARD_CODE", "BAD_PHONE"],
      4: ["UNKNOWN_DELEGATION"],
      5: ["DUPLICATE_CARD_CODE", "DUPLICATE_SEAT"],
      6: ["DUPLICATE_SEAT"],
    });
    await expect(importRosterFile(db, f.actors.secretariat, input)).rejects.toMatchObject({ code: "BAD_INPUT" });
    expect(await db.delegate.count({ where: { sessionId: f.session.id } })).toBe(0);
  });

  it("an updated XLSX updates the changed rows (a seat swap included) and lists them", async () => {
    const f = await sessionWithDelegations();
    const header = ["姓名", "代表团", "座位号", "代表证号", "手机号"];
    const first = await xlsx([
      header,
      ["王建国", "甲代表团", "01-01", "RC0001", "13800000001"],
      ["李秀英", "甲代表团", "01-02", "RC0002", ""],
      ["张志强", "乙代表团", "02-01", "RC0003", ""],
    ]);
    await importRosterFile(db, f.actors.secretariat, { sessionId: f.session.id, fileName: "名册.xlsx", contentBase64: first });
    const second = await xlsx([
      header,
      ["王建国", "甲代表团", "01-02", "RC0001", "13800000001"],
      ["李秀英", "甲代表团", "01-01", "RC0002", ""],
      ["张志强（更正）", "乙代表团", "02-01", "RC0003", "13900000003"],
    ]);
    const result = await importRosterFile(db, f.actors.secretariat, {
      sessionId: f.session.id,
      fileName: "名册-更新.xlsx",
      contentBase64: second,
    });
    expect(result.counts).toEqual({ create: 0, update: 3, unchanged: 0, error: 0 });
    expect(result.rows.map((r) => r.changes)).toEqual([["seat"], ["seat"], ["name", "phone"]]);
    const byCode = Object.fromEntries(
      (await db.delegate.findMany({ where: { sessionId: f.session.id } })).map((d) => [d.cardCode, [d.name, d.seat]]),
    );
    expect(byCode).toEqual({ RC0001: ["王建国", "01-02"], RC0002: ["李秀英", "01-01"], RC0003: ["张志强（更正）", "02-01"] });
  });

  it.each(["roster-title-row.xlsx", "roster-title-row.csv"])(
    "imports a roster as offices keep it (%s): title row above the header, extra columns, numbers as numbers, full-width codes, blank rows",
    async (file) => {
      const f = await sessionWithDelegations();
      const input = { sessionId: f.session.id, fileName: file, contentBase64: fixture(file) };
      const preview = await previewRosterFile(db, input);
      expect(preview).toMatchObject({ fileProblem: null, missingColumns: [] });
      expect(preview.counts).toEqual({ create: 3, update: 0, unchanged: 0, error: 0 });
      // Problems are named by the file's own line numbers: the header is on line 2 (CSV) or 3 (XLSX).
      const first = file.endsWith(".csv") ? 3 : 4;
      expect(preview.rows.map((r) => r.line)).toEqual([first, first + 1, first + 3]);
      await importRosterFile(db, f.actors.secretariat, input);
      const stored = await db.delegate.findMany({
        where: { sessionId: f.session.id },
        orderBy: { seat: "asc" },
        include: { delegation: true },
      });
      // Card codes are unique across sessions, so each fixture has its own: RX… (XLSX), RK… (CSV).
      const p = file.endsWith(".csv") ? "RK" : "RX";
      expect(stored.map((d) => [d.name, d.delegation.name, d.seat, d.cardCode, d.phone])).toEqual([
        ["王建国", "甲代表团", "101", `${p}0001`, "13800000001"],
        ["李秀英", "甲代表团", "102", `${p}0002`, null],
        ["张志强", "乙代表团", "201", `${p}0003`, "13900000003"],
      ]);
    },
  );

  it("a file whose header is nowhere near the top still names the columns it lacks", async () => {
    const f = await sessionWithDelegations();
    const titleOnly = await xlsx([
      ["临淄区第十八届人民代表大会第五次会议代表名册"],
      ["姓名", "代表团", "代表证号"],
      ["甲", "甲代表团", "RD1"],
    ]);
    expect(await previewRosterFile(db, { sessionId: f.session.id, fileName: "x.xlsx", contentBase64: titleOnly })).toMatchObject({
      fileProblem: "MISSING_COLUMNS",
      missingColumns: ["seat"],
    });
  });

  it("names file-level problems: not a spreadsheet, missing columns, no rows", async () => {
    const f = await sessionWithDelegations();
    const garbage = await previewRosterFile(db, {
      sessionId: f.session.id,
      fileName: "x.xlsx",
      contentBase64: Buffer.from("not a zip").toString("base64"),
    });
    expect(garbage.fileProblem).toBe("UNREADABLE");
    const noSeat = await previewRosterFile(db, {
      sessionId: f.session.id,
      fileName: "x.csv",
      contentBase64: Buffer.from("姓名,代表团,代表证号\n甲,甲代表团,RD1\n").toString("base64"),
    });
    expect(noSeat).toMatchObject({ fileProblem: "MISSING_COLUMNS", missingColumns: ["seat"] });
    const empty = await previewRosterFile(db, {
      sessionId: f.session.id,
      fileName: "x.csv",
      contentBase64: Buffer.from("姓名,代表团,座位号,代表证号\n").toString("base64"),
    });
    expect(empty.fileProblem).toBe("NO_ROWS");
  });

  it("imports 5,000 rows in one go", async () => {
    const f = await sessionWithDelegations();
    const rows = [
      ["姓名", "代表团", "座位号", "代表证号", "手机号"],
      ...Array.from({ length: 5000 }, (_, i) => [
        `代表${i}`,
        i % 2 ? "甲代表团" : "乙代表团",
        `S-${i}`,
        `RE${String(i).padStart(5, "0")}`,
        `138${String(i).padStart(8, "0")}`,
      ]),
    ];
    const input = { sessionId: f.session.id, fileName: "big.xlsx", contentBase64: await xlsx(rows) };
    const started = performance.now();
    await importRosterFile(db, f.actors.secretariat, input);
    console.log(`roster import: 5,000 rows in ${Math.round(performance.now() - started)} ms`);
    expect(await db.delegate.count({ where: { sessionId: f.session.id } })).toBe(5000);
  }, 60_000);
});
