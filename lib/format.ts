import type { Locale } from "./i18n/config";

/** Times are shown in the congress's own time zone, whatever the server's. */
export const TIME_ZONE = "Asia/Shanghai";

export function formatDateTime(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, dateStyle: "medium", timeStyle: "short" }).format(date);
}

export function formatTime(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, hour: "2-digit", minute: "2-digit", second: "2-digit" }).format(date);
}

/** Today as YYYY-MM-DD in the congress's time zone: what a milestone counts as missed against. */
export function localToday(now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** A calendar day in the congress's time zone, e.g. 2021年3月5日 / Mar 5, 2021. */
export function formatDay(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, dateStyle: "medium" }).format(date);
}
