import Link from "next/link";
import { DemoNotice } from "~/components/layout/demo-notice";
import { CandidateCard } from "~/components/projects/candidate-card";
import { localeOf, translatorFor } from "~/lib/i18n/server";
import { getPublicCaller } from "~/server/api/server-caller";

/** Cached for everyone, one copy per language, in front of Next (scripts/public-page-cache.cjs); rendered here on a miss, e.g. after the slate or a result changes. */
export const dynamic = "force-dynamic";

export default async function HomePage({ params }: { params: Promise<{ lang: string }> }) {
  const { t, locale } = translatorFor(await localeOf(params));
  const caller = getPublicCaller();
  const session = await caller.public.currentSession();
  if (!session) return <p className="panel text-lg">{t("home.noSession")}</p>;
  const published = await caller.public.publishedPolls({ sessionId: session.id });
  return (
    <div className="flex flex-col gap-6">
      <DemoNotice t={t} locale={locale} />
      <section>
        <p className="text-lg text-muted">{session.congressName}</p>
        <h1 className="text-2xl font-bold leading-tight sm:text-3xl">{session.name}</h1>
        <p className="mt-2 text-lg">{t("home.intro")}</p>
      </section>
      <p className="flex flex-wrap gap-3">
        <Link href="/projects" className="btn-primary">
          {t("projects.nav.overview")}
        </Link>
        <Link href="/suggest" className="btn-secondary">
          {t("projects.nav.suggest")}
        </Link>
      </p>
      {published.length > 0 && (
        <section aria-labelledby="results-heading" className="panel">
          <h2 id="results-heading" className="mb-2 text-xl font-bold">
            {t("results.homeHeading")}
          </h2>
          <ul className="flex flex-col gap-2">
            {published.map((p) => (
              <li key={p.id}>
                <Link
                  href={`/results/${p.id}`}
                  className="flex min-h-11 items-center text-lg font-semibold text-brand-dark underline decoration-2 underline-offset-4"
                >
                  {p.title}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="candidates-heading">
        <h2 id="candidates-heading" className="mb-3 text-xl font-bold">
          {t("home.candidatesHeading", { count: session.candidates.length })}
        </h2>
        <ol className="grid gap-4 sm:grid-cols-2">
          {session.candidates.map((c, i) => (
            <li key={c.id} className="contents">
              <CandidateCard c={c} t={t} locale={locale} index={i + 1} />
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
