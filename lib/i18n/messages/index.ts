import type { Locale } from "../config";
import en from "./en";
import zhCN, { type Messages } from "./zh-CN";

export const CATALOGS: Record<Locale, Messages> = { "zh-CN": zhCN, en };
export type { Messages };

/**
 * What every page's client components may need (the error and not-found screens): the
 * rest of the catalog goes only to pages with interactive parts (see FullCatalog), so a
 * public page does not carry ~40 KB of strings it never shows.
 */
export function shellMessages(locale: Locale): Partial<Messages> {
  const { app, nav, common, errors } = CATALOGS[locale];
  return { app, nav, common, errors };
}
