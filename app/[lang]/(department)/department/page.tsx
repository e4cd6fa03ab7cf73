import type { Metadata } from "next";
import Link from "next/link";
import { Forbidden } from "~/components/layout/forbidden";
import { ProgressBar } from "~/components/projects/progress-bar";
import { StatusChip } from "~/components/projects/status-chip";
import { getTranslator } from "~/lib/i18n/server";
import { getServerCaller } from "~/server/api/server-caller";
import { requireActor } from "~/server/auth/require";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("projects.department.title") };
}

/** A responsible unit's home: its own approved projects, what is missing, and notes waiting for an answer. */
export default async function DepartmentHome() {
  const [{ t }, actor] = await Promise.all([getTranslator(), requireActor("/department", "DEPARTMENT")]);
  if (!actor) return <Forbidden t={t} />;
  const projects = await (await getServerCaller()).projects.mine();
  return (
    <div className="flex flex-col gap-4">
      <header>
        <p className="text-lg text-muted">{actor.name}</p>
        <h1 className="text-2xl font-bold">{t("projects.department.title")}</h1>
        <p className="mt-2 text-lg">{t("projects.department.intro")}</p>
      </header>
      {projects.length === 0 ? (
        <p className="panel text-lg">{t("projects.department.none")}</p>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2">
          {projects.map((p) => {
            const open = p.notes.filter((n) => n.replies.length === 0).length;
            return (
              <li key={p.id} className="panel flex flex-col gap-3">
                <p className="text-base text-muted">
                  {p.sessionName} · {p.category}
                </p>
                <h2 className="text-xl font-bold leading-snug">{p.title}</h2>
                <div>
                  <StatusChip status={p.status} t={t} />
                </div>
                <ProgressBar percent={p.percent} label={t("projects.progress")} />
                <ul className="flex flex-col gap-1 text-base font-semibold">
                  {!p.hasPlan && <li className="text-amber-950">! {t("projects.department.noPlanYet")}</li>}
                  {open > 0 && <li className="text-amber-950">! {t("projects.department.openNotes", { count: open })}</li>}
                </ul>
                <Link
                  href={`/department/projects/${p.id}`}
                  className="btn-primary self-start"
                  aria-label={t("projects.department.manageNamed", { title: p.title })}
                >
                  {t("projects.department.manage")}
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
