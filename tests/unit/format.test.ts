import { describe, expect, it } from "vitest";
import { formatClock, formatDateTime, formatDay, formatLongDay, formatStamp, formatTime, formatWan, shortHash } from "~/lib/format";
import { CATALOGS } from "~/lib/i18n/messages";
import { makeTranslate } from "~/lib/i18n/translate";

const zh = makeTranslate(CATALOGS["zh-CN"]);
const en = makeTranslate(CATALOGS.en);

describe("formatWan: one way to write 万元 amounts", () => {
  it.each([
    ["28600.00", "zh-CN", "28,600"],
    ["28600.00", "en", "28,600"],
    ["1200.50", "zh-CN", "1,200.5"],
    ["0.05", "en", "0.05"],
    ["0.00", "zh-CN", "0"],
    ["123456789.99", "zh-CN", "123,456,789.99"],
  ] as const)("%s (%s) → %s", (amount, locale, shown) => {
    expect(formatWan(amount, locale)).toBe(shown);
  });

  it("takes numbers too (sums, spreadsheet cells)", () => {
    expect(formatWan(28600, "zh-CN")).toBe("28,600");
  });

  it("shows something that is not an amount as it came, never NaN or 0", () => {
    expect(formatWan("待定", "zh-CN")).toBe("待定");
    expect(formatWan("", "en")).toBe("");
  });
});

describe("times: 24-hour, Beijing time, in both languages", () => {
  // 20:54:13 UTC is 04:54:13 the next morning in Beijing: the hour English showed as "04:54:13 AM".
  const early = new Date("2021-01-11T20:54:13Z");
  const afternoon = new Date("2021-01-12T06:05:09Z");
  const midnight = new Date("2021-01-11T16:00:00Z");

  it("the clock is 24-hour in Beijing whatever the machine's zone", () => {
    expect(formatClock(early, "zh-CN")).toBe("04:54:13");
    expect(formatClock(early, "en")).toBe("04:54:13");
    expect(formatClock(afternoon, "en")).toBe("14:05:09");
    expect(formatClock(midnight, "en")).toBe("00:00:00"); // never "24:00:00"
  });

  it("no AM/PM, in any formatter", () => {
    for (const d of [early, afternoon, midnight]) {
      for (const text of [formatClock(d, "en"), formatStamp(d, "en"), formatStamp(d, "en", "seconds"), formatTime(d, en, "en")]) {
        expect(text).not.toMatch(/AM|PM|上午|下午/);
      }
    }
  });

  it("states Beijing time in words", () => {
    expect(formatTime(afternoon, zh, "zh-CN")).toBe("14:05:09（北京时间）");
    expect(formatTime(afternoon, en, "en")).toBe("14:05:09 (Beijing time)");
    expect(formatDateTime(early, zh, "zh-CN")).toBe("2021年1月12日 04:54（北京时间）");
    expect(formatDateTime(early, en, "en")).toBe("Jan 12, 2021, 04:54 (Beijing time)");
  });

  it("the audit log's stamp keeps the seconds", () => {
    expect(formatStamp(afternoon, "zh-CN", "seconds")).toBe("2021/1/12 14:05:09");
  });

  it("days follow Beijing's calendar, not UTC's", () => {
    expect(formatDay(early, "zh-CN")).toBe("2021年1月12日");
    expect(formatLongDay(early, "en")).toBe("January 12, 2021");
  });
});

describe("shortHash: a 结果校验码 two people can compare", () => {
  const hex = "7fb5baa6594904c1e2d3f4a5b6c7d8e9f00112233445566778899aabbccddeef";

  it("the first 16 hex digits, upper case, in groups of four", () => {
    expect(shortHash(hex)).toBe("7FB5 BAA6 5949 04C1");
  });

  it("differs whenever the first 64 bits differ", () => {
    const other = hex.slice(0, 15) + "0" + hex.slice(16);
    expect(shortHash(other)).not.toBe(shortHash(hex));
  });
});
