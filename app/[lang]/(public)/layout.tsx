import Link from "next/link";
import type { ReactNode } from "react";
import { SiteFrame } from "~/components/layout/site-frame";
import { Responsive } from "~/components/layout/site-header";
import { localeOf, translatorFor } from "~/lib/i18n/server";

/** Public pages: no session read here, so the pages that read nothing else can be cached. */
export default async function PublicLayout({ children, params }: { children: ReactNode; params: Promise<{ lang: string }> }) {
  const { t, locale } = translatorFor(await localeOf(params));
  return (
    <SiteFrame
      actor={null}
      account={
        // Cached for everybody: it cannot know who reads it. /after-sign-in sends each reader to sign-in or home.
        <Link className="btn-nav" href="/after-sign-in">
          <Responsive phone={t("nav.signInShort")} wide={t("nav.signInOrHome")} />
        </Link>
      }
      t={t}
      locale={locale}
    >
      {children}
    </SiteFrame>
  );
}
