import Link from "next/link";
import type { ReactNode } from "react";
import { SignOutButton } from "~/components/auth/sign-out-button";
import { FullCatalog } from "~/components/i18n/full-catalog";
import { TrpcProvider } from "~/components/trpc/trpc-provider";
import { getTranslator } from "~/lib/i18n/server";
import { getActor } from "~/server/auth/session";
import { DemoNotice } from "./demo-notice";
import { SiteFrame } from "./site-frame";

/** The layout of the signed-in areas: the header knows who is signed in; the tRPC client is mounted only here. */
export async function SignedInLayout({ children }: { children: ReactNode }) {
  const [{ t, locale }, actor] = await Promise.all([getTranslator(), getActor()]);
  return (
    <FullCatalog locale={locale}>
      <TrpcProvider>
        <SiteFrame
          actor={actor}
          account={
            actor ? (
              <SignOutButton />
            ) : (
              <Link className="btn-secondary" href="/sign-in">
                {t("nav.signIn")}
              </Link>
            )
          }
          t={t}
          locale={locale}
        >
          <DemoNotice t={t} locale={locale} />
          {children}
        </SiteFrame>
      </TrpcProvider>
    </FullCatalog>
  );
}
