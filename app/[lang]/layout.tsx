import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { I18nProvider } from "~/components/i18n/i18n-provider";
import { shellMessages } from "~/lib/i18n/messages";
import { localeOf, translatorFor } from "~/lib/i18n/server";
import "../globals.css";

/**
 * Every page lives under `[lang]`: next.config.js rewrites each visible URL to
 * `/zh-CN/…` or `/en/…` from the language cookie, so the URL stays the same for the
 * reader while a page that reads nothing else per request (the public project pages)
 * can be rendered once per language and cached (scripts/public-page-cache.cjs). Nothing here reads cookies or the session: the
 * route groups' layouts do that where a page is personal anyway.
 */
type Params = Promise<{ lang: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { t } = translatorFor(await localeOf(params));
  return { title: { default: t("app.name"), template: `%s · ${t("app.name")}` }, description: t("app.tagline") };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#b91c1c" };

export default async function RootLayout({ children, params }: { children: ReactNode; params: Params }) {
  const { t, locale } = translatorFor(await localeOf(params));
  return (
    <html lang={locale}>
      <body className="min-h-screen">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-white focus:p-3">
          {t("app.skipToContent")}
        </a>
        <I18nProvider locale={locale} messages={shellMessages(locale)}>
          {children}
        </I18nProvider>
      </body>
    </html>
  );
}
