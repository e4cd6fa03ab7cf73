import type { ReactNode } from "react";
import type { Locale } from "~/lib/i18n/config";
import type { Translate } from "~/lib/i18n/translate";
import type { Actor } from "~/server/auth/actor";
import { SiteHeader } from "./site-header";

/** The header and the main landmark the skip link jumps to; each route group's layout wraps its pages in it. */
export function SiteFrame({
  children,
  ...header
}: {
  actor: Actor | null;
  account: ReactNode;
  t: Translate;
  locale: Locale;
  children: ReactNode;
}) {
  return (
    <>
      <SiteHeader {...header} />
      <main id="main" className="mx-auto max-w-5xl px-4 py-6">
        {children}
      </main>
    </>
  );
}
