import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { DemoNotice } from "~/components/layout/demo-notice";
import { FeedbackForm } from "~/components/projects/feedback-form";
import { percentOf } from "~/components/projects/figures";
import { formatDay, formatWan } from "~/lib/format";
import { PageSection } from "~/components/projects/page-section";
import { NO_POST_RESULT } from "~/components/projects/post-result";
import { ProgressBar } from "~/components/projects/progress-bar";
import { MilestoneList, UpdateList } from "~/components/projects/project-timeline";
import { RatingSummary } from "~/components/projects/rating-summary";
import { StatusChip } from "~/components/projects/status-chip";
import type { TProjectPage } from "~/components/projects/types";
import type { Locale } from "~/lib/i18n/config";
import { localeOf, translatorFor } from "~/lib/i18n/server";
import type { Translate } from "~/lib/i18n/translate";
import { ZId } from "~/lib/schemas/common";
import { getPublicCaller } from "~/server/api/server-caller";

/** Once per request, shared by the metadata and the page. */
const load = cache(async (id: string): Promise<TProjectPage> => {
  if (!ZId.safeParse(id).success) notFound();
  return getPublicCaller()
    .projects.get({ id })
    .catch(() => notFound());
});

type Params = Promise<{ lang: string; id: string }>;

/**
 * Cached for everyone, one copy per language, in front of Next (scripts/public-page-cache.cjs):
 * rendered here on a miss, then served from that cache until something on it changes (see
 * server/api/public-pages.ts) or five minutes pass, because 滞后 follows the calendar.
 */
export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const p = await load((await params).id);
  return { title: p.title };
}

/**
 * A project's public page. Before (or without) approval: the candidate as the slate showed
 * it. Once the delegates approved it: a short report — the vote, progress, timeline,
 * money, supervision, the year-end rating and residents' feedback. Server-rendered
 * throughout; the feedback form is a plain POST (answered on /projects/[id]/feedback), so
 * the page needs no JavaScript and reads nothing per request.
 */
export default async function ProjectPage({ params }: { params: Params }) {
  const [{ t, locale }, p] = await Promise.all([localeOf(params).then(translatorFor), params.then((x) => load(x.id))]);
  return (
    <article className="flex flex-col gap-4">
      <DemoNotice t={t} locale={locale} />
      <Link href={p.approved ? "/projects" : "/"} className="btn-secondary self-start">
        ← {p.approved ? t("projects.page.backToOverview") : t("common.back")}
      </Link>
      <header className="flex flex-col gap-2">
        <p className="text-lg text-muted">
          {p.sessionName} · {p.category}
        </p>
        <h1 className="text-2xl font-bold leading-tight sm:text-3xl">{p.title}</h1>
        {p.approved && (
          <p className="flex flex-wrap items-center gap-2">
            <span className="inline-flex items-center rounded-full border-2 border-brand-dark px-3 py-0.5 text-base font-bold text-brand-dark">
              {t("projects.page.approvedBadge")}
            </span>
            <StatusChip status={p.progress.status} t={t} />
          </p>
        )}
        {/* The form sits at the end of a long report: residents reading from the top find it from here. */}
        {p.approved && (
          <a href="#feedback-form" className="btn-secondary self-start">
            {t("projects.feedback.formHeading")}
          </a>
        )}
      </header>
      {p.approved ? <Report p={p} t={t} locale={locale} /> : <Candidate p={p} t={t} locale={locale} />}
    </article>
  );
}

function Suggestions({ p, t }: { p: TProjectPage; t: Translate }) {
  return p.suggestions.length === 0 ? (
    <p className="text-lg text-muted">{t("project.noSuggestions")}</p>
  ) : (
    <ul className="list-disc pl-6 text-lg">
      {p.suggestions.map((s) => (
        <li key={s.id}>{s.title}</li>
      ))}
    </ul>
  );
}

/** What the page showed before the vote, unchanged for a candidate that was not approved. */
function Candidate({ p, t, locale }: { p: TProjectPage; t: Translate; locale: Locale }) {
  return (
    <>
      <section className="panel">
        <h2 className="text-lg font-bold">{t("common.summary")}</h2>
        <p className="mt-1 text-lg">{p.summary}</p>
      </section>
      <section className="panel">
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-lg">
          <dt className="text-muted">{t("common.unit")}</dt>
          <dd>{p.unitName}</dd>
          <dt className="text-muted">{t("common.budget")}</dt>
          <dd>{t("common.wan", { amount: formatWan(p.budgetWan, locale) })}</dd>
          <dt className="text-muted">{t("common.location")}</dt>
          <dd>{p.location}</dd>
          <dt className="text-muted">{t("common.targets")}</dt>
          <dd>{p.targets}</dd>
          <dt className="text-muted">{t("common.deadlineLabel")}</dt>
          <dd>{p.deadline}</dd>
        </dl>
      </section>
      <section className="panel">
        <h2 className="text-lg font-bold">{t("project.fromSuggestions")}</h2>
        <div className="mt-1">
          <Suggestions p={p} t={t} />
        </div>
      </section>
    </>
  );
}

function Report({ p, t, locale }: { p: TProjectPage; t: Translate; locale: Locale }) {
  const budget = p.progress.budgetWan ?? p.budgetWan;
  const wan = (amount: string) => t("common.wan", { amount: formatWan(amount, locale) });
  const selectedVotes = p.votes.filter((v) => v.selected);
  return (
    <>
      <PageSection id="progress" title={t("projects.page.progressHeading")}>
        <ProgressBar percent={p.progress.percent} label={t("projects.progress")} size="lg" />
        <ProgressBar
          percent={percentOf(Number(p.progress.spentWan), Number(budget))}
          label={t("projects.page.fundsUsed")}
          detail={t("projects.spentOfBudget", { spent: formatWan(p.progress.spentWan, locale), budget: formatWan(budget, locale) })}
        />
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-lg">
          <dt className="text-muted">{t("common.unit")}</dt>
          <dd>{p.unitName}</dd>
          <dt className="text-muted">{t("projects.plan.leadOfficial")}</dt>
          <dd>{p.plan?.leadOfficial ?? t("projects.page.notSet")}</dd>
          <dt className="text-muted">{t("projects.plan.budget")}</dt>
          <dd>{wan(budget)}</dd>
          <dt className="text-muted">{t("common.deadlineLabel")}</dt>
          <dd>{p.plan?.deadline ?? p.deadline}</dd>
          {p.plan?.startedOn && (
            <>
              <dt className="text-muted">{t("projects.plan.startedOn")}</dt>
              <dd>{p.plan.startedOn}</dd>
            </>
          )}
          {p.plan?.completedOn && (
            <>
              <dt className="text-muted">{t("projects.plan.completedOn")}</dt>
              <dd>{p.plan.completedOn}</dd>
            </>
          )}
          <dt className="text-muted">{t("common.location")}</dt>
          <dd>{p.location}</dd>
        </dl>
        {!p.plan && <p className="text-lg text-muted">{t("projects.page.noPlan")}</p>}
      </PageSection>

      <PageSection id="about" title={t("common.summary")}>
        <p className="text-lg">{p.summary}</p>
        <h3 className="text-lg font-bold">{t("common.targets")}</h3>
        <p className="whitespace-pre-line text-lg">{p.targets}</p>
      </PageSection>

      <PageSection id="vote" title={t("projects.page.voteHeading")}>
        {selectedVotes.map((v) => (
          <div key={v.pollId} className="flex flex-col gap-2">
            <p className="text-lg font-semibold">{v.pollTitle}</p>
            <dl className="grid grid-cols-3 gap-2 text-center">
              {(
                [
                  ["results.for", v.for],
                  ["results.against", v.against],
                  ["results.abstain", v.abstain],
                ] as const
              ).map(([label, n]) => (
                <div key={label} className="rounded-lg border border-stone-300 p-2">
                  <dt className="text-base text-muted">{t(label)}</dt>
                  <dd className="text-2xl font-bold tabular-nums">{n}</dd>
                </div>
              ))}
            </dl>
            <p>
              <Link
                href={`/results/${v.pollId}`}
                className="inline-flex min-h-11 items-center font-semibold text-blue-800 underline underline-offset-4"
              >
                {t("projects.page.voteLink")}
              </Link>
            </p>
          </div>
        ))}
      </PageSection>

      <PageSection id="timeline" title={t("projects.page.timelineHeading")}>
        <h3 className="text-lg font-bold">{t("projects.page.milestonesHeading")}</h3>
        <MilestoneList milestones={p.plan?.milestones ?? []} today={p.progress.asOf} t={t} />
        <h3 className="text-lg font-bold">{t("projects.page.updatesHeading")}</h3>
        <UpdateList updates={p.plan?.updates ?? []} t={t} locale={locale} headingLevel={4} />
      </PageSection>

      <PageSection id="supervision" title={t("projects.page.supervisionHeading")}>
        {p.supervision.length === 0 ? (
          <p className="text-lg text-muted">{t("projects.page.noSupervision")}</p>
        ) : (
          <ul className="flex flex-col divide-y divide-stone-200">
            {p.supervision.map((n) => (
              <li key={n.id} className="flex flex-col gap-1 py-2">
                <p className="flex flex-wrap items-center gap-2 text-base text-muted">
                  <span className="font-semibold text-ink">{t(`projects.supervisionKind.${n.kind}`)}</span>
                  <time dateTime={n.createdAt.toISOString()}>{formatDay(n.createdAt, locale)}</time>
                  {n.groupName && <span>{n.groupName}</span>}
                </p>
                <p className="text-lg">{n.summary}</p>
                <p
                  className={`self-start rounded-md px-2 text-base font-bold ${n.answered ? "bg-green-50 text-green-900" : "bg-amber-100 text-amber-950"}`}
                >
                  {n.answered ? `✓ ${t("projects.page.answered")}` : t("projects.page.unanswered")}
                </p>
              </li>
            ))}
          </ul>
        )}
      </PageSection>

      <PageSection id="rating" title={t("projects.page.ratingHeading")}>
        {p.rating ? (
          <RatingSummary rating={p.rating} t={t} caption={p.rating.roundTitle} />
        ) : (
          <p className="text-lg text-muted">{t("projects.page.ratingPending")}</p>
        )}
      </PageSection>

      <PageSection id="suggestions" title={t("project.fromSuggestions")}>
        <Suggestions p={p} t={t} />
      </PageSection>

      <PageSection id="feedback" title={t("projects.feedback.heading")}>
        {p.feedback.length === 0 ? (
          <p className="text-lg text-muted">{t("projects.feedback.none")}</p>
        ) : (
          <ul className="flex flex-col divide-y divide-stone-200">
            {p.feedback.map((f) => (
              <li key={f.id} className="py-2">
                <p className="whitespace-pre-line text-lg">{f.body}</p>
                <p className="text-base text-muted">
                  <time dateTime={f.createdAt.toISOString()}>{formatDay(f.createdAt, locale)}</time>
                </p>
              </li>
            ))}
          </ul>
        )}
        <FeedbackForm candidateId={p.id} result={NO_POST_RESULT} t={t} />
      </PageSection>
    </>
  );
}
