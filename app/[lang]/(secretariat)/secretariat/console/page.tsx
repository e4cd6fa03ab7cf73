import type { Metadata } from "next";
import Link from "next/link";
import { pickSession, withSession } from "~/components/console/console-header";
import { Forbidden } from "~/components/layout/forbidden";
import { getTranslator } from "~/lib/i18n/server";
import { getServerCaller } from "~/server/api/server-caller";
import { requireActor } from "~/server/auth/require";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("console.title") };
}

const SECTIONS = ["setup", "roster", "cards", "slate", "accounts", "audit", "exports"] as const;

/** The secretariat's console: one place to reach the clerical pages, for the session chosen. */
export default async function ConsoleHubPage({ searchParams }: { searchParams: Promise<{ session?: string | string[] }> }) {
  const [{ t }, actor] = await Promise.all([getTranslator(), requireActor("/secretariat/console", "SECRETARIAT")]);
  if (!actor) return <Forbidden t={t} />;
  const caller = await getServerCaller();
  const session = pickSession(await caller.setup.sessions(), (await searchParams).session);
  const isAdmin = actor.kind === "staff" && actor.role === "ADMIN";
  const sections = SECTIONS.filter((s) => s !== "accounts" || isAdmin);
  return (
    <div className="flex flex-col gap-6">
      <header>
        {session && (
          <p className="text-lg text-muted">
            {session.congressName} · {session.name}
          </p>
        )}
        <h1 className="text-2xl font-bold">{t("console.title")}</h1>
        <p className="mt-2 max-w-3xl text-lg">{t("console.intro")}</p>
      </header>
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {sections.map((s) => (
          <li key={s}>
            <Link
              href={withSession(`/secretariat/${s}`, s === "accounts" ? undefined : session?.id)}
              className="panel flex h-full flex-col gap-2 border-2 hover:border-brand focus-visible:border-brand"
            >
              <span className="text-xl font-bold text-brand-dark underline decoration-2 underline-offset-4">
                {t(`console.sections.${s}.title`)}
              </span>
              <span className="text-base">{t(`console.sections.${s}.body`)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
