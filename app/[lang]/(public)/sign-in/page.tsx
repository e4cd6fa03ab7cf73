import type { Metadata } from "next";
import { SignInForms } from "~/components/auth/sign-in-forms";
import { FullCatalog } from "~/components/i18n/full-catalog";
import { getTranslator } from "~/lib/i18n/server";
import { isSignInKind, safeCallbackUrl } from "~/lib/schemas/sign-in";
import { asSignInFailure } from "~/lib/sign-in-failure";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("signIn.title") };
}

type Search = { callbackUrl?: string; error?: string; kind?: string; cardCode?: string; username?: string };

/**
 * The sign-in forms. `error` (with `kind` and the card code or username) is how /api/sign-in
 * answers a form posted before the page's scripts ran: the failure is shown in its form,
 * and the name is typed in already.
 */
export default async function SignInPage({ searchParams }: { searchParams: Promise<Search> }) {
  const [{ t, locale }, sp] = await Promise.all([getTranslator(), searchParams]);
  const kind = isSignInKind(sp.kind) ? sp.kind : "delegate";
  const outcome = sp.error
    ? { kind, failure: asSignInFailure(sp.error), name: (kind === "staff" ? sp.username : sp.cardCode)?.slice(0, 64) }
    : undefined;
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t("signIn.title")}</h1>
      <FullCatalog locale={locale}>
        <SignInForms callbackUrl={safeCallbackUrl(sp.callbackUrl) ?? undefined} outcome={outcome} />
      </FullCatalog>
    </div>
  );
}
