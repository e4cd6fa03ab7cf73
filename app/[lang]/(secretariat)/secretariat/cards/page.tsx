import type { Metadata } from "next";
import { CardSheet } from "~/components/console/card-sheet";
import { ConsoleHeader, pickSession } from "~/components/console/console-header";
import { Forbidden } from "~/components/layout/forbidden";
import { getTranslator } from "~/lib/i18n/server";
import { getServerCaller } from "~/server/api/server-caller";
import { requireActor } from "~/server/auth/require";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("console.cards.title") };
}

/** Delegate cards: `?delegate=<id>` reissues one card; otherwise the whole session's. */
export default async function CardsPage({
  searchParams,
}: {
  searchParams: Promise<{ session?: string | string[]; delegate?: string | string[] }>;
}) {
  const [{ t }, actor] = await Promise.all([getTranslator(), requireActor("/secretariat/cards", "SECRETARIAT")]);
  if (!actor) return <Forbidden t={t} />;
  const params = await searchParams;
  const caller = await getServerCaller();
  const sessions = await caller.setup.sessions();
  const session = pickSession(sessions, params.session);
  const delegates = session ? (await caller.setup.delegates({ sessionId: session.id })).filter((d) => d.active) : [];
  const one = typeof params.delegate === "string" ? (delegates.find((d) => d.id === params.delegate) ?? null) : null;
  return (
    <div className="flex flex-col gap-6">
      <ConsoleHeader
        t={t}
        title={t("console.cards.title")}
        intro={t("console.cards.intro")}
        path="/secretariat/cards"
        sessions={sessions}
        sessionId={session?.id}
      />
      {session && (
        <CardSheet
          key={`${session.id}-${one?.id ?? "all"}`}
          sessionId={session.id}
          congressName={session.congressName}
          sessionName={session.name}
          count={delegates.length}
          only={one ? { id: one.id, name: one.name, delegationName: one.delegationName, seat: one.seat } : null}
        />
      )}
    </div>
  );
}
