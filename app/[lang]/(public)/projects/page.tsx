import type { Metadata } from "next";
import { ProjectsOverview } from "~/components/projects/projects-overview";
import { localeOf, translatorFor } from "~/lib/i18n/server";

type Params = Promise<{ lang: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: translatorFor(await localeOf(params)).t("projects.overview.title") };
}

/** Cached for everyone, one copy per language, in front of Next (scripts/public-page-cache.cjs); rendered here on a miss: after a change, and every five minutes (滞后 follows the calendar). */
export const dynamic = "force-dynamic";

export default async function ProjectsPage({ params }: { params: Params }) {
  const { t, locale } = translatorFor(await localeOf(params));
  return <ProjectsOverview t={t} locale={locale} search={{}} />;
}
