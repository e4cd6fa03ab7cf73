import type { Metadata } from "next";
import Link from "next/link";
import { readPostResult } from "~/components/projects/post-result";
import { SuggestionForm } from "~/components/projects/suggestion-form";
import { getTranslator } from "~/lib/i18n/server";
import { getServerCaller } from "~/server/api/server-caller";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("projects.suggest.title") };
}

/** 征集: residents suggest next year's livelihood projects. No sign-in, no JavaScript needed. */
export default async function SuggestPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [{ t }, caller, search] = await Promise.all([getTranslator(), getServerCaller(), searchParams]);
  const session = await caller.public.currentSession();
  // The categories the current slate uses, so suggestions sort the way projects do.
  const categories = [...new Set(session?.candidates.map((c) => c.category) ?? [])];
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-4">
      <header className="flex flex-col gap-2">
        <h1 className="text-2xl font-bold leading-tight sm:text-3xl">{t("projects.suggest.title")}</h1>
        <p className="text-lg">{t("projects.suggest.intro")}</p>
        <p className="text-base text-muted">{t("projects.suggest.moderationNote")}</p>
      </header>
      <SuggestionForm categories={categories} result={readPostResult(search)} t={t} />
      <p>
        <Link href="/projects" className="inline-flex min-h-11 items-center font-semibold text-blue-800 underline underline-offset-4">
          {t("projects.suggest.seeProjects")}
        </Link>
      </p>
    </div>
  );
}
