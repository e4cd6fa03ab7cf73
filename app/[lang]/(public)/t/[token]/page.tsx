import type { Metadata } from "next";
import { TokenSignIn } from "~/components/auth/sign-in-forms";
import { FullCatalog } from "~/components/i18n/full-catalog";
import { getTranslator } from "~/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("signIn.tokenTitle"), referrer: "no-referrer" };
}

/**
 * The QR code on a delegate card opens this page. Signing in takes an explicit tap, so a
 * link preview or a prefetch never spends the one-time token.
 */
export default async function TokenPage({ params }: { params: Promise<{ token: string }> }) {
  const [{ t, locale }, { token }] = await Promise.all([getTranslator(), params]);
  return (
    <section className="panel mx-auto flex max-w-md flex-col gap-4">
      <h1 className="text-2xl font-bold">{t("signIn.tokenTitle")}</h1>
      {token.length >= 8 ? (
        <FullCatalog locale={locale}>
          <TokenSignIn token={token} />
        </FullCatalog>
      ) : (
        <p role="alert" className="field-error">
          {t("signIn.tokenMissing")}
        </p>
      )}
    </section>
  );
}
