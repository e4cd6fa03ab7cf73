import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { I18nProvider } from "~/components/i18n/i18n-provider";
import { SiteHeader } from "~/components/layout/site-header";
import { TrpcProvider } from "~/components/trpc/trpc-provider";
import { CATALOGS } from "~/lib/i18n/messages";
import { getTranslator } from "~/lib/i18n/server";
import { getActor } from "~/server/auth/session";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: { default: t("app.name"), template: `%s · ${t("app.name")}` }, description: t("app.tagline") };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#b91c1c" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [{ t, locale }, actor] = await Promise.all([getTranslator(), getActor()]);
  return (
    <html lang={locale}>
      <body className="min-h-screen">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-white focus:p-3">
          {t("app.skipToContent")}
        </a>
        <I18nProvider locale={locale} messages={CATALOGS[locale]}>
          <TrpcProvider>
            <SiteHeader actor={actor} t={t} locale={locale} />
            <main id="main" className="mx-auto max-w-5xl px-4 py-6">
              {children}
            </main>
          </TrpcProvider>
        </I18nProvider>
      </body>
    </html>
  );
}
