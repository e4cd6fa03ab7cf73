import { describe, expect, it } from "vitest";
import { findHeaderRow, HEADER_SCAN_ROWS, mapHeader } from "~/server/domain/roster";

const HEADER = ["姓名", "代表团", "座位号", "代表证号", "手机号"];

describe("findHeaderRow: the roster's header wherever an office put it", () => {
  it("on the first row, as the template has it", () => {
    expect(findHeaderRow([HEADER, ["王建国", "甲代表团", "01-01", "RA0001", ""]])).toMatchObject({ row: 0, missing: [] });
  });

  it("below a merged title row and a date line", () => {
    const rows = [
      ["临淄区第十八届人民代表大会第五次会议代表名册", "", "", ""],
      ["", "", "", "", "制表日期：2021年1月5日"],
      ["序号", ...HEADER, "备注"],
    ];
    const found = findHeaderRow(rows);
    expect(found).toMatchObject({ row: 2, missing: [] });
    expect(found.index).toEqual({ name: 1, delegation: 2, seat: 3, cardCode: 4, phone: 5 });
  });

  it("headers spaced out to line up in a printed form (姓  名) and English headers still match", () => {
    expect(mapHeader(["姓  名", "代 表 团", "座位号", "代表证号"]).missing).toEqual([]);
    expect(mapHeader(["Name", "Delegation", "Seat", "Card code"]).missing).toEqual([]);
  });

  it("the phone column is optional; the first complete row wins over a later one", () => {
    const rows = [HEADER.slice(0, 4), HEADER];
    expect(findHeaderRow(rows)).toMatchObject({ row: 0, missing: [] });
  });

  it(`looks only at the first ${HEADER_SCAN_ROWS} rows: a data row further down that happens to read 姓名 is not a header`, () => {
    const rows = [...Array.from({ length: HEADER_SCAN_ROWS }, () => ["说明"]), HEADER];
    expect(findHeaderRow(rows).row).toBeNull();
  });

  it("no complete header: reports the columns missing from the row closest to one", () => {
    const rows = [["临淄区代表名册"], ["姓名", "代表团", "代表证号"], ["甲", "甲代表团", "RD1"]];
    expect(findHeaderRow(rows)).toMatchObject({ row: null, missing: ["seat"] });
    expect(findHeaderRow([]).missing).toEqual(["name", "delegation", "seat", "cardCode"]);
  });
});
