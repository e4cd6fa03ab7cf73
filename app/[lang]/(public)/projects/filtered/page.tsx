import type { Metadata } from "next";
import { ProjectsOverview, type Search } from "~/components/projects/projects-overview";
import { localeOf, translatorFor } from "~/lib/i18n/server";

type Params = Promise<{ lang: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: translatorFor(await localeOf(params)).t("projects.overview.title") };
}

/** `/projects?category=…&status=…&town=…` lands here (next.config.js): the overview, filtered, rendered per request. */
export default async function FilteredProjectsPage({ params, searchParams }: { params: Params; searchParams: Promise<Search> }) {
  const [{ t, locale }, search] = await Promise.all([localeOf(params).then(translatorFor), searchParams]);
  return <ProjectsOverview t={t} locale={locale} search={search} />;
}
