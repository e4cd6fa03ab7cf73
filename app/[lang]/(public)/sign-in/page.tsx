import type { Metadata } from "next";
import { SignInForms } from "~/components/auth/sign-in-forms";
import { FullCatalog } from "~/components/i18n/full-catalog";
import { getTranslator } from "~/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("signIn.title") };
}

/** Only same-site paths are followed after sign-in. */
function safeCallback(value: string | undefined): string {
  return value && value.startsWith("/") && !value.startsWith("//") ? value : "/after-sign-in";
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const [{ t, locale }, sp] = await Promise.all([getTranslator(), searchParams]);
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t("signIn.title")}</h1>
      <FullCatalog locale={locale}>
        <SignInForms callbackUrl={safeCallback(sp.callbackUrl)} initialError={sp.error} />
      </FullCatalog>
    </div>
  );
}
