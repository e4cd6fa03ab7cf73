"use client";

import { useI18n } from "~/components/i18n/i18n-provider";

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  const { t } = useI18n();
  return (
    <section className="panel" role="alert">
      <h1 className="text-2xl font-bold">{t("common.errorTitle")}</h1>
      <p className="mt-2 text-lg">{t("common.errorBody")}</p>
      <button type="button" className="btn-primary mt-4" onClick={reset}>{t("common.retry")}</button>
    </section>
  );
}
