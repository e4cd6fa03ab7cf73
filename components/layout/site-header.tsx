import Link from "next/link";
import type { Actor } from "~/server/auth/actor";
import type { Translate } from "~/lib/i18n/translate";
import type { Locale } from "~/lib/i18n/config";
import type { ReactNode } from "react";

/**
 * Header for every page: works without JavaScript (the language switch is a plain form).
 * One compact row at 360 px: the controls keep their 44 px height and never wrap, the
 * site's name gives way (a shorter name on phones, wrapping within its own column if it
 * must). Signing out is not here, next to the links a thumb taps all day, but at the foot
 * of the page (SignedInLayout). `account` is the sign-in link where there is one: public
 * pages are cached for everybody and cannot know who reads them.
 */
/** A shorter label on phones, the full one from the `sm` width up (only one is ever displayed, and so named). */
export function Responsive({ phone, wide }: { phone: string; wide: string }) {
  return (
    <>
      <span className="sm:hidden">{phone}</span>
      <span className="hidden sm:inline">{wide}</span>
    </>
  );
}

export function SiteHeader({ actor, account, t, locale }: { actor: Actor | null; account?: ReactNode; t: Translate; locale: Locale }) {
  const other: Locale = locale === "zh-CN" ? "en" : "zh-CN";
  return (
    <header className="border-b-4 border-brand bg-white">
      <div className="mx-auto flex max-w-5xl items-center gap-2 px-4 py-1">
        <Link href="/" className="flex min-h-11 min-w-0 flex-1 items-center text-lg leading-tight font-bold text-brand-dark sm:text-xl">
          <Responsive phone={t("app.shortName")} wide={t("app.name")} />
        </Link>
        <nav aria-label={t("nav.mainNav")} className="flex shrink-0 items-center gap-1.5">
          {actor?.kind === "delegate" && (
            <Link className="btn-nav" href="/delegate">
              {t("nav.delegate")}
            </Link>
          )}
          {actor?.kind === "staff" && (actor.role === "SECRETARIAT" || actor.role === "ADMIN") && (
            <Link className="btn-nav" href="/secretariat">
              {t("nav.secretariat")}
            </Link>
          )}
          {actor?.kind === "staff" && actor.role === "DEPARTMENT" && (
            <Link className="btn-nav" href="/department">
              {t("projects.nav.department")}
            </Link>
          )}
          {actor?.kind === "staff" && actor.role === "CLERK" && (
            <Link className="btn-nav" href="/clerk">
              {t("nav.clerk")}
            </Link>
          )}
          {account}
          <form action="/set-locale" method="post">
            <input type="hidden" name="locale" value={other} />
            {/* The name a screen reader says holds the words on the button (WCAG's label in name): "语言: EN". */}
            <button type="submit" className="btn-nav">
              <span className="sr-only">{t("nav.language")}: </span>
              <span lang={other === "en" ? "en" : "zh-CN"}>
                <Responsive phone={t("nav.switchToShort")} wide={t("nav.switchTo")} />
              </span>
            </button>
          </form>
        </nav>
      </div>
    </header>
  );
}
