"use client";

import { useI18n } from "~/components/i18n/i18n-provider";

/** Replaces the route groups' layouts when a page fails, so it brings its own main landmark. */
export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  const { t } = useI18n();
  return (
    <main id="main" className="mx-auto max-w-5xl px-4 py-6">
      <section className="panel" role="alert">
        <h1 className="text-2xl font-bold">{t("common.errorTitle")}</h1>
        <p className="mt-2 text-lg">{t("common.errorBody")}</p>
        <button type="button" className="btn-primary mt-4" onClick={reset}>
          {t("common.retry")}
        </button>
      </section>
    </main>
  );
}
