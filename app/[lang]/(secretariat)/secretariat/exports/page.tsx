import type { Metadata } from "next";
import Link from "next/link";
import { ConsoleHeader, pickSession, withSession } from "~/components/console/console-header";
import { Forbidden } from "~/components/layout/forbidden";
import { getTranslator } from "~/lib/i18n/server";
import type { Translate } from "~/lib/i18n/translate";
import { getServerCaller } from "~/server/api/server-caller";
import { requireActor } from "~/server/auth/require";
import { sessionFiling } from "~/server/domain/poll-lifecycle";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("console.exports.title") };
}

const linkClass = "btn-secondary min-h-10 px-3 text-base";

/** A file link: `download` so the browser saves it; the label names the poll for screen readers. */
function FileLink({ href, text, label }: { href: string; text: string; label: string }) {
  return (
    <a href={href} download className={linkClass} aria-label={label}>
      {text}
    </a>
  );
}

function PollLinks({ t, poll }: { t: Translate; poll: { id: string; title: string } }) {
  const label = (what: string) => t("console.exports.linkLabel", { title: poll.title, what });
  return (
    <div className="flex flex-wrap gap-2">
      <FileLink
        href={`/api/exports/polls/${poll.id}/results?format=csv`}
        text={t("console.exports.resultsCsv")}
        label={label(t("console.exports.resultsCsv"))}
      />
      <FileLink
        href={`/api/exports/polls/${poll.id}/results?format=xlsx`}
        text={t("console.exports.resultsXlsx")}
        label={label(t("console.exports.resultsXlsx"))}
      />
      <Link href={`/secretariat/polls/${poll.id}/announcement`} className={linkClass} aria-label={label(t("console.exports.announcement"))}>
        {t("console.exports.announcement")}
      </Link>
      <FileLink
        href={`/api/exports/polls/${poll.id}/announcement`}
        text={t("console.exports.announcementPdf")}
        label={label(t("console.exports.announcementPdf"))}
      />
      <FileLink href={`/api/polls/${poll.id}/record`} text={t("console.exports.record")} label={label(t("console.exports.record"))} />
    </div>
  );
}

export default async function ExportsPage({ searchParams }: { searchParams: Promise<{ session?: string | string[] }> }) {
  const [{ t }, actor] = await Promise.all([getTranslator(), requireActor("/secretariat/exports", "SECRETARIAT")]);
  if (!actor) return <Forbidden t={t} />;
  const caller = await getServerCaller();
  const sessions = await caller.setup.sessions();
  const session = pickSession(sessions, (await searchParams).session);
  const polls = session ? await caller.secretariat.polls({ sessionId: session.id }) : [];
  const published = polls.filter((p) => p.status === "PUBLISHED");
  const filing = sessionFiling(polls.map((p) => p.status));
  return (
    <div className="flex flex-col gap-6">
      <ConsoleHeader
        t={t}
        title={t("console.exports.title")}
        intro={t("console.exports.intro")}
        path="/secretariat/exports"
        sessions={sessions}
        sessionId={session?.id}
      />
      {session && (
        <>
          <section aria-labelledby="exports-polls" className="panel flex flex-col gap-3">
            <h2 id="exports-polls" className="text-xl font-bold">
              {t("console.exports.pollsHeading")}
            </h2>
            {published.length === 0 ? (
              <p>{t("console.exports.noPolls")}</p>
            ) : (
              <ul className="flex flex-col divide-y divide-stone-200">
                {published.map((p) => (
                  <li key={p.id} className="flex flex-col gap-2 py-3" data-testid="published-poll">
                    <h3 className="text-lg font-bold">{p.title}</h3>
                    <PollLinks t={t} poll={p} />
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="exports-attendance" className="panel flex flex-col gap-3">
            <h2 id="exports-attendance" className="text-xl font-bold">
              {t("console.exports.attendanceHeading")}
            </h2>
            <div className="flex flex-wrap gap-2">
              <FileLink
                href={`/api/exports/sessions/${session.id}/attendance?format=csv`}
                text={t("console.exports.attendanceCsv")}
                label={t("console.exports.attendanceCsv")}
              />
              <FileLink
                href={`/api/exports/sessions/${session.id}/attendance?format=xlsx`}
                text={t("console.exports.attendanceXlsx")}
                label={t("console.exports.attendanceXlsx")}
              />
            </div>
          </section>
          <section aria-labelledby="exports-progress" className="panel flex flex-col gap-3">
            <h2 id="exports-progress" className="text-xl font-bold">
              {t("console.progressReport.heading")}
            </h2>
            <p>{t("console.progressReport.intro")}</p>
            <div className="flex flex-wrap gap-2">
              <Link href={withSession("/secretariat/progress-report", session.id)} className={linkClass}>
                {t("console.progressReport.page")}
              </Link>
              <FileLink
                href={`/api/exports/sessions/${session.id}/progress?format=xlsx`}
                text={t("console.progressReport.xlsx")}
                label={t("console.progressReport.xlsx")}
              />
              <FileLink
                href={`/api/exports/sessions/${session.id}/progress?format=csv`}
                text={t("console.progressReport.csv")}
                label={t("console.progressReport.csv")}
              />
            </div>
          </section>
          <section aria-labelledby="exports-archive" className="panel flex flex-col gap-3">
            <h2 id="exports-archive" className="text-xl font-bold">
              {t("console.exports.archive.heading")}
            </h2>
            <p>{t("console.exports.archive.intro")}</p>
            {filing === "ready" ? (
              <div className="flex flex-wrap gap-2">
                <FileLink
                  href={`/api/exports/sessions/${session.id}/archive`}
                  text={t("console.exports.archive.download")}
                  label={t("console.exports.archive.download")}
                />
              </div>
            ) : (
              <p role="status">
                {t(filing === "in-progress" ? "console.exports.archive.inProgress" : "console.exports.archive.nothingPublished")}
              </p>
            )}
          </section>
        </>
      )}
    </div>
  );
}
