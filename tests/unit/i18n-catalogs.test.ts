import { describe, expect, it } from "vitest";
import { APP_ERROR_CODES } from "~/lib/app-error-codes";
import { CATALOGS } from "~/lib/i18n/messages";
import { lookup, makeTranslate } from "~/lib/i18n/translate";

function keys(node: unknown, prefix = ""): string[] {
  if (typeof node === "string") return [prefix];
  return Object.entries(node as Record<string, unknown>).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe("message catalogs", () => {
  const zh = CATALOGS["zh-CN"];
  const en = CATALOGS.en;

  it("English has exactly the keys of the Chinese catalog, none empty", () => {
    expect(keys(en).sort()).toEqual(keys(zh).sort());
    for (const k of keys(en)) {
      expect(lookup(en, k)?.trim(), k).toBeTruthy();
      expect(lookup(zh, k)?.trim(), k).toBeTruthy();
    }
  });

  it("both catalogs use the same {placeholders} in each message", () => {
    const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of keys(zh)) expect(holes(lookup(en, k)!), k).toEqual(holes(lookup(zh, k)!));
  });

  it("every error code the server can send has a message in each language", () => {
    for (const code of APP_ERROR_CODES) {
      expect(lookup(zh, `errors.${code}`), code).toBeTruthy();
      expect(lookup(en, `errors.${code}`), code).toBeTruthy();
    }
  });

  it("fills placeholders and leaves unknown ones visible", () => {
    const t = makeTranslate(zh);
    expect(t("delegate.greeting", { name: "王建国" })).toBe("王建国 代表，您好");
    expect(t("delegate.greeting")).toBe("{name} 代表，您好");
  });
});
