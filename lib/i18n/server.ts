import "server-only";
import { cookies } from "next/headers";
import { notFound } from "next/navigation";
import { asLocale, LOCALES, type Locale } from "./config";
import { CATALOGS } from "./messages";
import { makeTranslate, type Translate } from "./translate";
import { LOCALE_COOKIE } from "./config";

export async function getLocale(): Promise<Locale> {
  return asLocale((await cookies()).get(LOCALE_COOKIE)?.value);
}

export async function getTranslator(): Promise<{ t: Translate; locale: Locale }> {
  return translatorFor(await getLocale());
}

/** For pages cached per language: the locale comes from the URL (the `[lang]` segment), not a cookie. */
export function translatorFor(locale: Locale): { t: Translate; locale: Locale } {
  return { t: makeTranslate(CATALOGS[locale]), locale };
}

/** The `[lang]` segment of a page's params; anything but a known locale is a 404. */
export async function localeOf(params: Promise<{ lang: string }>): Promise<Locale> {
  const { lang } = await params;
  if (!(LOCALES as readonly string[]).includes(lang)) notFound();
  return lang as Locale;
}
