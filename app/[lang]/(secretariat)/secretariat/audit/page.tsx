import type { Metadata } from "next";
import { AuditLog } from "~/components/console/audit-log";
import { ConsoleHeader } from "~/components/console/console-header";
import { Forbidden } from "~/components/layout/forbidden";
import { getTranslator } from "~/lib/i18n/server";
import { getServerCaller } from "~/server/api/server-caller";
import { requireActor } from "~/server/auth/require";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("console.audit.title") };
}

/** The audit log viewer; `?session=` (from the console) starts it filtered to that session. */
export default async function AuditPage({ searchParams }: { searchParams: Promise<{ session?: string | string[] }> }) {
  const [{ t }, actor] = await Promise.all([getTranslator(), requireActor("/secretariat/audit", "SECRETARIAT")]);
  if (!actor) return <Forbidden t={t} />;
  const caller = await getServerCaller();
  const sessions = await caller.setup.sessions();
  const requested = (await searchParams).session;
  const initialSessionId = sessions.find((s) => s.id === requested)?.id ?? "";
  return (
    <div className="flex flex-col gap-6">
      <ConsoleHeader
        t={t}
        title={t("console.audit.title")}
        intro={t("console.audit.intro")}
        path="/secretariat/audit"
        sessionId={initialSessionId || undefined}
      />
      <AuditLog sessions={sessions.map((s) => ({ id: s.id, name: s.name, year: s.year }))} initialSessionId={initialSessionId} />
    </div>
  );
}
