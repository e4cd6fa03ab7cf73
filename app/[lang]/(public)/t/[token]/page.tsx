import type { Metadata } from "next";
import { TokenSignIn } from "~/components/auth/sign-in-forms";
import { FullCatalog } from "~/components/i18n/full-catalog";
import { getTranslator } from "~/lib/i18n/server";
import { asSignInFailure } from "~/lib/sign-in-failure";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("signIn.tokenTitle"), referrer: "no-referrer" };
}

/**
 * The QR code on a delegate card opens this page. Signing in takes an explicit tap, so a
 * link preview or a prefetch never spends the one-time token.
 */
export default async function TokenPage({
  params,
  searchParams,
}: {
  params: Promise<{ token: string }>;
  /** `error`: /api/sign-in's answer to the form posted before the page's scripts ran. */
  searchParams: Promise<{ error?: string }>;
}) {
  const [{ t, locale }, { token }, { error }] = await Promise.all([getTranslator(), params, searchParams]);
  return (
    <section className="panel mx-auto flex max-w-md flex-col gap-4">
      <h1 className="text-2xl font-bold">{t("signIn.tokenTitle")}</h1>
      {token.length >= 8 ? (
        <FullCatalog locale={locale}>
          <TokenSignIn token={token} failure={error ? asSignInFailure(error) : undefined} />
        </FullCatalog>
      ) : (
        <p role="alert" className="field-error">
          {t("signIn.tokenMissing")}
        </p>
      )}
    </section>
  );
}
