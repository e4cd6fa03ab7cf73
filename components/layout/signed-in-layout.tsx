import Link from "next/link";
import type { ReactNode } from "react";
import { SignOutButton } from "~/components/auth/sign-out-button";
import { FullCatalog } from "~/components/i18n/full-catalog";
import { getTranslator } from "~/lib/i18n/server";
import { getActor } from "~/server/auth/session";
import { DemoNotice } from "./demo-notice";
import { SiteFrame } from "./site-frame";

/**
 * The layout of the signed-in areas: the header knows who is signed in. Who is signed in,
 * and signing out, sit at the foot of every page: out of the way of a thumb reaching for
 * the header's links, and it asks first.
 */
export async function SignedInLayout({ children }: { children: ReactNode }) {
  const [{ t, locale }, actor] = await Promise.all([getTranslator(), getActor()]);
  return (
    <FullCatalog locale={locale}>
      <SiteFrame
        actor={actor}
        account={
          actor ? undefined : (
            <Link className="btn-nav" href="/sign-in">
              {t("nav.signIn")}
            </Link>
          )
        }
        t={t}
        locale={locale}
        footer={
          actor && (
            <div className="flex flex-wrap items-center justify-between gap-3 border-t border-stone-300 pt-4">
              <p className="text-base text-muted">{t("nav.signedInAs", { name: actor.name })}</p>
              <SignOutButton audience={actor.kind} />
            </div>
          )
        }
      >
        <DemoNotice t={t} locale={locale} />
        {children}
      </SiteFrame>
    </FullCatalog>
  );
}
