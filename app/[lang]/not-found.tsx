"use client";

import Link from "next/link";
import { useI18n } from "~/components/i18n/i18n-provider";

/**
 * A client component on purpose: Next renders it into every page's payload, and the
 * cached public pages must not read the language cookie. It replaces the route groups'
 * layouts, so it brings its own main landmark.
 */
export default function NotFound() {
  const { t } = useI18n();
  return (
    <main id="main" className="mx-auto max-w-5xl px-4 py-6">
      <section className="panel">
        <h1 className="text-2xl font-bold">{t("common.notFoundTitle")}</h1>
        <p className="mt-2 text-lg">{t("common.notFoundBody")}</p>
        <Link href="/" className="btn-secondary mt-4">
          {t("nav.home")}
        </Link>
      </section>
    </main>
  );
}
