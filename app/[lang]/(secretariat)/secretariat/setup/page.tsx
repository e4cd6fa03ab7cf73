import type { Metadata } from "next";
import { ConsoleHeader, pickSession } from "~/components/console/console-header";
import { SessionSetup } from "~/components/console/session-setup";
import { Forbidden } from "~/components/layout/forbidden";
import { getTranslator } from "~/lib/i18n/server";
import { getServerCaller } from "~/server/api/server-caller";
import { requireActor } from "~/server/auth/require";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("console.setup.title") };
}

export default async function SessionSetupPage({ searchParams }: { searchParams: Promise<{ session?: string | string[] }> }) {
  const [{ t }, actor] = await Promise.all([getTranslator(), requireActor("/secretariat/setup", "SECRETARIAT")]);
  if (!actor) return <Forbidden t={t} />;
  const caller = await getServerCaller();
  const [sessions, congresses] = await Promise.all([caller.setup.sessions(), caller.setup.congresses()]);
  const session = pickSession(sessions, (await searchParams).session);
  const setup = session ? await caller.setup.session({ sessionId: session.id }) : null;
  return (
    <div className="flex flex-col gap-6">
      <ConsoleHeader t={t} title={t("console.setup.title")} path="/secretariat/setup" sessions={sessions} sessionId={session?.id} />
      <SessionSetup congresses={congresses} initial={setup} />
    </div>
  );
}
