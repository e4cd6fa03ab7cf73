import "server-only";
import { cookies } from "next/headers";
import { asLocale, type Locale } from "./config";
import { CATALOGS } from "./messages";
import { makeTranslate, type Translate } from "./translate";
import { LOCALE_COOKIE } from "./config";

export async function getLocale(): Promise<Locale> {
  return asLocale((await cookies()).get(LOCALE_COOKIE)?.value);
}

export async function getTranslator(): Promise<{ t: Translate; locale: Locale }> {
  const locale = await getLocale();
  return { t: makeTranslate(CATALOGS[locale]), locale };
}
