import { describe, expect, it } from "vitest";
import { CATALOGS } from "~/lib/i18n/messages";
import { lookup } from "~/lib/i18n/translate";

/**
 * The code a delegate gets after voting (or rating) has one name in each language —
 * 回执码 / "receipt code" — on the phone, the results page, the record and everywhere else,
 * so nobody wonders whether the 选票查验码 on their paper is the 回执码 the page asks for.
 */
const NAME = { "zh-CN": "回执码", en: "receipt code" } as const;

/** Other names it has had, or could be given by someone writing a new message. */
const OTHER_NAMES = {
  "zh-CN": /查验码|核验码|核对码|选票码|投票码|回执号|凭证码|凭据码|跟踪码|追踪码|验证码/,
  en: /\btrackers?\b|\btracking (?:code|number)\b|\breceipt (?:number|id)\b|\bverification code\b|\bballot code\b|\breceipts?\b(?! codes?\b)/i,
} as const;

function strings(node: unknown, prefix = ""): [string, string][] {
  if (typeof node === "string") return [[prefix, node]];
  return Object.entries(node as Record<string, unknown>).flatMap(([k, v]) => strings(v, prefix ? `${prefix}.${k}` : k));
}

describe("the receipt code's one name", () => {
  for (const locale of ["zh-CN", "en"] as const) {
    it(`${locale}: no message calls it anything else`, () => {
      // {placeholders} are names in code, not words a reader sees.
      const others = strings(CATALOGS[locale]).filter(([, text]) => OTHER_NAMES[locale].test(text.replace(/\{\w+\}/g, "")));
      expect(others).toEqual([]);
    });

    it(`${locale}: the ballot's, the rating's and the results page's labels all say ${NAME[locale]}`, () => {
      for (const key of ["vote.receipt.trackerLabel", "results.tracker.label", "projects.rating.receiptLabel"]) {
        expect(lookup(CATALOGS[locale], key)?.toLowerCase(), key).toBe(NAME[locale]);
      }
    });
  }
});
