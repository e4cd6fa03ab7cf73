import type { Locale } from "~/lib/i18n/config";

/** 万元 amounts arrive as decimal strings ("1200.50"); shown without trailing zeros, grouped by locale. */
export function formatWan(amount: string, locale: Locale): string {
  const n = Number(amount);
  return Number.isFinite(n) ? new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(n) : amount;
}

/** A whole-number percentage; 0 when there is nothing to divide by. */
export function percentOf(part: number, whole: number): number {
  return whole > 0 ? Math.round((part * 100) / whole) : 0;
}

// The calendar day is formatted in lib (the export tables need it too); the project pages take it from here.
export { formatDay } from "~/lib/format";
