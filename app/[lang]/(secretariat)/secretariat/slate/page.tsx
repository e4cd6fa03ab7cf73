import type { Metadata } from "next";
import { ConsoleHeader, pickSession } from "~/components/console/console-header";
import { SlateEditor } from "~/components/console/slate-editor";
import { Forbidden } from "~/components/layout/forbidden";
import { getTranslator } from "~/lib/i18n/server";
import { getServerCaller } from "~/server/api/server-caller";
import { requireActor } from "~/server/auth/require";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("console.slate.title") };
}

export default async function SlatePage({ searchParams }: { searchParams: Promise<{ session?: string | string[] }> }) {
  const [{ t }, actor] = await Promise.all([getTranslator(), requireActor("/secretariat/slate", "SECRETARIAT")]);
  if (!actor) return <Forbidden t={t} />;
  const caller = await getServerCaller();
  const sessions = await caller.setup.sessions();
  const session = pickSession(sessions, (await searchParams).session);
  const data = session
    ? await Promise.all([
        caller.slate.list({ sessionId: session.id }),
        caller.slate.departments(),
        caller.slate.suggestions({ sessionId: session.id }),
      ])
    : null;
  return (
    <div className="flex flex-col gap-6">
      <ConsoleHeader
        t={t}
        title={t("console.slate.title")}
        intro={t("console.slate.intro")}
        path="/secretariat/slate"
        sessions={sessions}
        sessionId={session?.id}
      />
      {session && data && (
        <SlateEditor key={session.id} sessionId={session.id} initialSlate={data[0]} departments={data[1]} suggestions={data[2]} />
      )}
    </div>
  );
}
