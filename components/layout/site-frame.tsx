import type { ReactNode } from "react";
import type { Locale } from "~/lib/i18n/config";
import type { Translate } from "~/lib/i18n/translate";
import type { Actor } from "~/server/auth/actor";
import { SiteHeader } from "./site-header";

/** The header, the main landmark the skip link jumps to, and an optional footer; each route group's layout wraps its pages in it. */
export function SiteFrame({
  children,
  footer,
  ...header
}: {
  actor: Actor | null;
  account?: ReactNode;
  t: Translate;
  locale: Locale;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <>
      <SiteHeader {...header} />
      <main id="main" className="mx-auto max-w-5xl px-4 py-6">
        {children}
      </main>
      {footer && <footer className="mx-auto max-w-5xl px-4 pt-2 pb-10">{footer}</footer>}
    </>
  );
}
