import type { Metadata } from "next";
import { Forbidden } from "~/components/layout/forbidden";
import { SessionCockpit } from "~/components/secretariat/session-cockpit";
import { getTranslator } from "~/lib/i18n/server";
import { getServerCaller } from "~/server/api/server-caller";
import { requireActor } from "~/server/auth/require";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("cockpit.title") };
}

/** The session cockpit: check-in, quorum, and every poll's controls, live. */
export default async function SessionCockpitPage() {
  const [{ t }, actor] = await Promise.all([getTranslator(), requireActor("/secretariat/session", "SECRETARIAT")]);
  if (!actor) return <Forbidden t={t} />;
  const caller = await getServerCaller();
  const current = await caller.public.currentSession();
  if (!current) return <p className="panel">{t("home.noSession")}</p>;
  const [overview, turnout, polls] = await Promise.all([
    caller.secretariat.overview({ sessionId: current.id }),
    caller.secretariat.turnout({ sessionId: current.id }),
    caller.secretariat.polls({ sessionId: current.id }),
  ]);
  // Every poll's full view, so the cockpit's controls are there on first paint.
  const views = await Promise.all(polls.map((p) => caller.secretariat.poll({ pollId: p.id })));
  const slate = [...current.candidates]
    .sort((a, b) => a.sortOrder - b.sortOrder)
    .map((c) => ({ id: c.id, title: c.title, unitName: c.unitName }));
  return <SessionCockpit initialOverview={overview} initialTurnout={turnout} initialPolls={polls} initialViews={views} slate={slate} />;
}
