import type { Locale } from "./i18n/config";
import type { Translate } from "./i18n/translate";

/**
 * The one set of formatters for figures people read: every page, the ballot, the exports and
 * the 公告 PDF use these, so the same amount or time never reads two ways.
 */

/** Times are shown in the congress's own time zone, whatever the server's or the phone's. */
export const TIME_ZONE = "Asia/Shanghai";

/**
 * 万元 amounts arrive as decimal strings ("28600.00"): shown grouped by locale and without
 * trailing zeros ("28,600", "1,200.5"). The unit comes from the catalog (common.wan) or from a
 * column heading. Something that is not a number is shown as it came rather than as NaN.
 */
export function formatWan(amount: string | number, locale: Locale): string {
  const n = typeof amount === "number" ? amount : Number(amount);
  return Number.isFinite(n) && String(amount).trim() !== ""
    ? new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(n)
    : String(amount);
}

// 24-hour in both languages: English would otherwise read "04:54:13 AM", which a hall on
// Beijing time mis-hears as a morning hour of another zone.
const CLOCK = { timeZone: TIME_ZONE, hourCycle: "h23" } as const;

/** The clock alone ("04:54:13"), for table cells whose column heading names Beijing time. */
export function formatClock(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { ...CLOCK, hour: "2-digit", minute: "2-digit", second: "2-digit" }).format(date);
}

/**
 * Date and minute ("2021年1月12日 04:54"), for table cells whose column heading names Beijing
 * time; "seconds" for the audit log, where the order within a minute matters ("2021/1/12 04:54:13").
 */
export function formatStamp(date: Date, locale: Locale, precision: "minutes" | "seconds" = "minutes"): string {
  const style =
    precision === "seconds"
      ? ({ dateStyle: "short", timeStyle: "medium" } as const)
      : ({ dateStyle: "medium", timeStyle: "short" } as const);
  return new Intl.DateTimeFormat(locale, { ...CLOCK, ...style }).format(date);
}

/** "04:54:13（北京时间）" / "04:54:13 (Beijing time)". */
export function formatTime(date: Date, t: Translate, locale: Locale): string {
  return t("common.beijingTime", { time: formatClock(date, locale) });
}

/** "2021年1月12日 04:54（北京时间）" / "Jan 12, 2021, 04:54 (Beijing time)". */
export function formatDateTime(date: Date, t: Translate, locale: Locale): string {
  return t("common.beijingTime", { time: formatStamp(date, locale) });
}

/** A calendar day in the congress's time zone: 2021年1月12日 / Jan 12, 2021. */
export function formatDay(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, dateStyle: "medium" }).format(date);
}

/** The day as documents write it: 2021年1月12日 / January 12, 2021 (the 公告's date line). */
export function formatLongDay(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, year: "numeric", month: "long", day: "numeric" }).format(date);
}

/** Today as YYYY-MM-DD in the congress's time zone: what a milestone counts as missed against. */
export function localToday(now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** Characters of a SHA-256 hex digest that people read aloud and compare: 16 of 64 (64 bits). */
export const SHORT_HASH_LENGTH = 16;

/**
 * A 64-character digest is impractical for two people to compare; its first 16 hex digits,
 * upper case in groups of four ("3F2A 91C0 7B4E D215"), are. Two different counts share those
 * 64 bits only by a chance of one in 2⁶⁴, so a match of the short form is a match of the
 * count; the full value stays available beside it for anyone who wants every digit.
 */
export function shortHash(hex: string): string {
  return (
    hex
      .slice(0, SHORT_HASH_LENGTH)
      .toUpperCase()
      .match(/.{1,4}/g)
      ?.join(" ") ?? ""
  );
}
