import type { ReactNode } from "react";
import type { Locale } from "~/lib/i18n/config";
import { CATALOGS } from "~/lib/i18n/messages";
import { I18nProvider } from "./i18n-provider";

/** The whole catalog for the client components below: pages with forms, ballots and live views. */
export function FullCatalog({ locale, children }: { locale: Locale; children: ReactNode }) {
  return (
    <I18nProvider locale={locale} messages={CATALOGS[locale]}>
      {children}
    </I18nProvider>
  );
}
