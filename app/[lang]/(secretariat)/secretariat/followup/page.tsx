import type { Metadata } from "next";
import Link from "next/link";
import { Forbidden } from "~/components/layout/forbidden";
import { ModerationQueue } from "~/components/projects/moderation-queue";
import { RatingRoundControls } from "~/components/projects/rating-round-controls";
import { formatStamp } from "~/lib/format";
import { getTranslator } from "~/lib/i18n/server";
import { getServerCaller } from "~/server/api/server-caller";
import { requireActor } from "~/server/auth/require";
import { ROUND_COUNT } from "~/server/domain/rating-round-lifecycle";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("projects.followup.title") };
}

/**
 * After the vote, for the secretariat: residents' posts to moderate, the delegates'
 * supervision notes (open ones first, with how long the unit took to answer), and the
 * year-end rating round.
 */
export default async function FollowupPage() {
  const [{ t, locale }, actor] = await Promise.all([getTranslator(), requireActor("/secretariat/followup", "SECRETARIAT")]);
  if (!actor) return <Forbidden t={t} />;
  const caller = await getServerCaller();
  const session = await caller.public.currentSession();
  if (!session) return <p className="panel text-lg">{t("home.noSession")}</p>;
  const [pending, supervision, rounds, projects] = await Promise.all([
    caller.projects.pending(),
    caller.projects.supervision({ sessionId: session.id }),
    caller.projects.rounds({ sessionId: session.id }),
    caller.projects.list({ sessionId: session.id }),
  ]);
  const round = rounds[0] ?? null;
  // No counts while the round is open (the box is sealed): only how many have rated.
  const counts = round && ROUND_COUNT[round.status] !== "hidden" ? await caller.projects.ratingCounts({ roundId: round.id }) : null;
  const open = supervision.filter((n) => n.firstReplyAt === null).length;

  return (
    <div className="flex flex-col gap-6">
      <header>
        <p className="text-lg text-muted">{session.name}</p>
        <h1 className="text-2xl font-bold">{t("projects.followup.title")}</h1>
        <p className="mt-1">
          <Link href="/projects" className="inline-flex min-h-11 items-center font-semibold text-blue-800 underline underline-offset-4">
            {t("projects.followup.publicOverview")}
          </Link>
        </p>
      </header>

      <section aria-labelledby="moderation-heading" className="panel flex flex-col gap-3">
        <h2 id="moderation-heading" className="text-xl font-bold">
          {t("projects.followup.moderationHeading", { count: pending.suggestions.length + pending.feedback.length })}
        </h2>
        <ModerationQueue pending={pending} />
      </section>

      <section aria-labelledby="supervision-heading" className="panel flex flex-col gap-3">
        <h2 id="supervision-heading" className="text-xl font-bold">
          {t("projects.followup.supervisionHeading")}
        </h2>
        <p className="text-lg">{t("projects.followup.supervisionCounts", { open, total: supervision.length })}</p>
        {supervision.length === 0 ? (
          <p className="text-lg text-muted">{t("projects.followup.noSupervision")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-base">
              <caption className="sr-only">{t("projects.followup.supervisionCaption")}</caption>
              <thead>
                <tr className="border-b-2 border-stone-300">
                  <th scope="col" className="py-2 pr-3 whitespace-nowrap">
                    {t("projects.followup.col.status")}
                  </th>
                  <th scope="col" className="py-2 pr-3 whitespace-nowrap">
                    {t("projects.followup.col.project")}
                  </th>
                  <th scope="col" className="py-2 pr-3 whitespace-nowrap">
                    {t("projects.followup.col.summary")}
                  </th>
                  <th scope="col" className="py-2 pr-3 whitespace-nowrap">
                    {t("projects.followup.col.delegate")}
                  </th>
                  <th scope="col" className="py-2 pr-3 whitespace-nowrap">
                    {t("common.beijingTime", { time: t("projects.followup.col.filed") })}
                  </th>
                  <th scope="col" className="py-2 whitespace-nowrap">
                    {t("projects.followup.col.reply")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {supervision.map((n) => (
                  <tr key={n.id} className={`border-b border-stone-200 align-top ${n.firstReplyAt ? "" : "bg-amber-50"}`}>
                    <td className="py-2 pr-3 font-bold whitespace-nowrap">
                      {n.firstReplyAt ? `✓ ${t("projects.page.answered")}` : `! ${t("projects.page.unanswered")}`}
                    </td>
                    <td className="py-2 pr-3">
                      <Link href={`/projects/${n.candidateId}`} className="font-semibold text-blue-800 underline underline-offset-4">
                        {n.candidateTitle}
                      </Link>
                      <span className="block text-muted">{n.unitName}</span>
                    </td>
                    <td className="py-2 pr-3">
                      <span className="font-semibold">{t(`projects.supervisionKind.${n.kind}`)}</span> {n.summary}
                    </td>
                    <td className="py-2 pr-3">{n.groupName ? `${n.groupName} · ${n.delegateName}` : n.delegateName}</td>
                    <td className="py-2 pr-3 whitespace-nowrap">{formatStamp(n.createdAt, locale)}</td>
                    <td className="py-2 whitespace-nowrap">
                      {n.replyHours === null
                        ? "—"
                        : n.replyHours === 0
                          ? t("projects.followup.repliedSoon")
                          : t("projects.followup.repliedIn", { hours: n.replyHours })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="rating-heading" className="panel flex flex-col gap-3">
        <h2 id="rating-heading" className="text-xl font-bold">
          {t("projects.followup.ratingHeading")}
        </h2>
        <RatingRoundControls
          sessionId={session.id}
          defaultTitle={t("projects.followup.defaultRoundTitle", { year: session.year })}
          approvedCount={projects.length}
          round={round}
          counts={counts}
          titles={Object.fromEntries(projects.map((p) => [p.id, p.title]))}
        />
      </section>
    </div>
  );
}
