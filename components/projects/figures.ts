import type { Locale } from "~/lib/i18n/config";
import { TIME_ZONE } from "~/lib/format";

/** 万元 amounts arrive as decimal strings ("1200.50"); shown without trailing zeros, grouped by locale. */
export function formatWan(amount: string, locale: Locale): string {
  const n = Number(amount);
  return Number.isFinite(n) ? new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(n) : amount;
}

/** A whole-number percentage; 0 when there is nothing to divide by. */
export function percentOf(part: number, whole: number): number {
  return whole > 0 ? Math.round((part * 100) / whole) : 0;
}

/** A calendar day in the congress's time zone, e.g. 2021年3月5日 / Mar 5, 2021. */
export function formatDay(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, dateStyle: "medium" }).format(date);
}
