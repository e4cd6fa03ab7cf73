import Link from "next/link";
import type { Actor } from "~/server/auth/actor";
import type { Translate } from "~/lib/i18n/translate";
import type { Locale } from "~/lib/i18n/config";
import type { ReactNode } from "react";

/**
 * Header for every page: works without JavaScript (the language switch is a plain form).
 * `account` is the sign-in or sign-out control, given by the layout: public pages are
 * cached for everybody, cannot know who reads them, and should not load the sign-out
 * script, so they pass a plain link.
 */
export function SiteHeader({ actor, account, t, locale }: { actor: Actor | null; account: ReactNode; t: Translate; locale: Locale }) {
  const other: Locale = locale === "zh-CN" ? "en" : "zh-CN";
  return (
    <header className="border-b-4 border-brand bg-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-2 px-4 py-2">
        <Link href="/" className="flex min-h-11 items-center text-xl font-bold text-brand-dark">
          {t("app.name")}
        </Link>
        <nav aria-label={t("nav.mainNav")} className="flex flex-wrap items-center gap-2">
          {actor?.kind === "delegate" && (
            <Link className="btn-secondary" href="/delegate">
              {t("nav.delegate")}
            </Link>
          )}
          {actor?.kind === "staff" && (actor.role === "SECRETARIAT" || actor.role === "ADMIN") && (
            <Link className="btn-secondary" href="/secretariat">
              {t("nav.secretariat")}
            </Link>
          )}
          {actor?.kind === "staff" && actor.role === "DEPARTMENT" && (
            <Link className="btn-secondary" href="/department">
              {t("projects.nav.department")}
            </Link>
          )}
          {actor?.kind === "staff" && actor.role === "CLERK" && (
            <Link className="btn-secondary" href="/clerk">
              {t("nav.clerk")}
            </Link>
          )}
          {account}
          <form action="/set-locale" method="post">
            <input type="hidden" name="locale" value={other} />
            <button
              type="submit"
              className="btn-secondary"
              lang={other === "en" ? "en" : "zh-CN"}
              aria-label={`${t("nav.language")}: ${t("nav.switchTo")}`}
            >
              {t("nav.switchTo")}
            </button>
          </form>
        </nav>
      </div>
    </header>
  );
}
