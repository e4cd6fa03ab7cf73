"use client";

import Link from "next/link";
import { useTransition } from "react";
import { useI18n } from "~/components/i18n/i18n-provider";

/**
 * What a page that failed to render shows (the route groups' error.tsx). Under load the
 * cause is usually passing — a database statement dropped, a request lost — so 重试 asks the
 * server for the page again (Next's `retry`: refresh, then re-render; `reset` alone only
 * re-rendered what had already failed, and the page stayed dead). The way home stays: in
 * the header, or — where the layout itself failed and there is no header — `wayHome`.
 */
export function ErrorScreen({ retry, wayHome }: { error: unknown; retry: () => void; wayHome?: boolean }) {
  const { t } = useI18n();
  const [pending, startTransition] = useTransition();
  return (
    <section className="panel mx-auto flex max-w-xl flex-col gap-4" role="alert">
      <h1 className="text-2xl font-bold">{t("common.errorTitle")}</h1>
      <p className="text-lg">{t("common.errorBody")}</p>
      <div className="flex flex-wrap gap-3">
        <button type="button" className="btn-primary" onClick={() => startTransition(retry)} disabled={pending}>
          {pending ? t("common.retrying") : t("common.retry")}
        </button>
        {wayHome && (
          <Link href="/after-sign-in" className="btn-secondary">
            {t("nav.signInOrHome")}
          </Link>
        )}
      </div>
    </section>
  );
}
