import type { Metadata } from "next";
import Link from "next/link";
import { Forbidden } from "~/components/layout/forbidden";
import { SupervisionNoteForm } from "~/components/projects/supervision-note-form";
import { getTranslator } from "~/lib/i18n/server";
import { getServerCaller } from "~/server/api/server-caller";
import { requireActor } from "~/server/auth/require";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("projects.supervise.title") };
}

/** 督办 from the delegate's phone: one form, one task. `?project=<id>` preselects a project. */
export default async function SupervisePage({ searchParams }: { searchParams: Promise<{ project?: string | string[] }> }) {
  const [{ t }, actor, search] = await Promise.all([getTranslator(), requireActor("/delegate/supervise", "delegate"), searchParams]);
  if (!actor || actor.kind !== "delegate") return <Forbidden t={t} />;
  const projects = await (await getServerCaller()).projects.list({ sessionId: actor.sessionId });
  const preselect = typeof search.project === "string" && projects.some((p) => p.id === search.project) ? search.project : undefined;
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-4">
      <Link href="/delegate" className="btn-secondary self-start">
        ← {t("nav.delegate")}
      </Link>
      <header className="flex flex-col gap-2">
        <h1 className="text-2xl font-bold">{t("projects.supervise.title")}</h1>
        <p className="text-lg">{t("projects.supervise.intro")}</p>
      </header>
      {projects.length === 0 ? (
        <p className="panel text-lg">{t("projects.supervise.none")}</p>
      ) : (
        <SupervisionNoteForm projects={projects.map((p) => ({ id: p.id, title: p.title }))} initialProjectId={preselect} />
      )}
    </div>
  );
}
