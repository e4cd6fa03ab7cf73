import type { Metadata } from "next";
import { ConsoleHeader, pickSession } from "~/components/console/console-header";
import { DelegateRoster } from "~/components/console/delegate-roster";
import { RosterImport } from "~/components/console/roster-import";
import { Forbidden } from "~/components/layout/forbidden";
import { getTranslator } from "~/lib/i18n/server";
import { getServerCaller } from "~/server/api/server-caller";
import { requireActor } from "~/server/auth/require";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("console.roster.title") };
}

export default async function RosterPage({ searchParams }: { searchParams: Promise<{ session?: string | string[] }> }) {
  const [{ t }, actor] = await Promise.all([getTranslator(), requireActor("/secretariat/roster", "SECRETARIAT")]);
  if (!actor) return <Forbidden t={t} />;
  const caller = await getServerCaller();
  const sessions = await caller.setup.sessions();
  const session = pickSession(sessions, (await searchParams).session);
  const delegates = session ? await caller.setup.delegates({ sessionId: session.id }) : [];
  return (
    <div className="flex flex-col gap-6">
      <ConsoleHeader t={t} title={t("console.roster.title")} path="/secretariat/roster" sessions={sessions} sessionId={session?.id} />
      {session && (
        <>
          {/* Keyed: another session starts with an empty import form. */}
          <RosterImport key={`import-${session.id}`} sessionId={session.id} />
          <DelegateRoster key={`roster-${session.id}`} sessionId={session.id} initial={delegates} />
        </>
      )}
    </div>
  );
}
