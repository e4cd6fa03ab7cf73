import type { Metadata } from "next";
import Link from "next/link";
import { Forbidden } from "~/components/layout/forbidden";
import { formatDay } from "~/lib/format";
import { PlanForm } from "~/components/projects/plan-form";
import { ProgressBar } from "~/components/projects/progress-bar";
import { ProgressUpdateForm } from "~/components/projects/progress-update-form";
import { UpdateList } from "~/components/projects/project-timeline";
import { StatusChip } from "~/components/projects/status-chip";
import { SupervisionReplyForm } from "~/components/projects/supervision-reply-form";
import { getTranslator } from "~/lib/i18n/server";
import { getServerCaller } from "~/server/api/server-caller";
import { requireActor } from "~/server/auth/require";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("projects.department.title") };
}

/**
 * One project, for its responsible unit: the implementation plan, progress updates with
 * photos, and the delegates' supervision notes to answer. Only the unit's own approved
 * projects (the services check again on every save).
 */
export default async function DepartmentProject({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const [{ t, locale }, actor] = await Promise.all([getTranslator(), requireActor(`/department/projects/${id}`, "DEPARTMENT")]);
  if (!actor) return <Forbidden t={t} />;
  const caller = await getServerCaller();
  const mine = (await caller.projects.mine()).find((p) => p.id === id);
  if (!mine) return <Forbidden t={t} />;
  const p = await caller.projects.get({ id });
  const updates = p.plan?.updates ?? [];
  const latest = updates[0] ?? null;

  return (
    <div className="flex flex-col gap-4">
      <Link href="/department" className="btn-secondary self-start">
        ← {t("projects.department.back")}
      </Link>
      <header className="flex flex-col gap-2">
        <p className="text-lg text-muted">
          {p.sessionName} · {p.category}
        </p>
        <h1 className="text-2xl font-bold leading-tight">{p.title}</h1>
        <div className="flex flex-wrap items-center gap-3">
          <StatusChip status={p.progress.status} t={t} />
          <Link
            href={`/projects/${p.id}`}
            className="inline-flex min-h-11 items-center font-semibold text-blue-800 underline underline-offset-4"
          >
            {t("projects.department.viewPublic")}
          </Link>
        </div>
        <ProgressBar percent={p.progress.percent} label={t("projects.progress")} />
      </header>

      <section className="panel">
        <PlanForm
          candidateId={p.id}
          initial={{
            leadOfficial: p.plan?.leadOfficial ?? "",
            budgetWan: p.progress.budgetWan ?? p.budgetWan,
            deadline: p.plan?.deadline ?? p.deadline,
            startedOn: p.plan?.startedOn ?? "",
            completedOn: p.plan?.completedOn ?? "",
            milestones: (p.plan?.milestones ?? []).map((m) => ({ title: m.title, plannedOn: m.plannedOn, achievedOn: m.achievedOn ?? "" })),
          }}
        />
      </section>

      <section className="panel">
        {p.plan ? (
          <ProgressUpdateForm
            candidateId={p.id}
            earlier={updates.map((u) => ({ id: u.id, createdAt: u.createdAt, percent: u.percent, body: u.body }))}
            last={latest && { percent: latest.percent, spentWan: latest.spentWan }}
          />
        ) : (
          <>
            <h2 className="text-xl font-bold">{t("projects.update.heading")}</h2>
            <p className="mt-2 text-lg">{t("projects.update.needPlan")}</p>
          </>
        )}
      </section>

      <section className="panel flex flex-col gap-3" aria-labelledby="posted-heading">
        <h2 id="posted-heading" className="text-xl font-bold">
          {t("projects.department.postedHeading")}
        </h2>
        <UpdateList updates={updates} t={t} locale={locale} />
      </section>

      <section className="panel flex flex-col gap-3" aria-labelledby="notes-heading">
        <h2 id="notes-heading" className="text-xl font-bold">
          {t("projects.department.notesHeading")}
        </h2>
        {mine.notes.length === 0 ? (
          <p className="text-lg text-muted">{t("projects.department.noNotes")}</p>
        ) : (
          <ol className="flex flex-col gap-4">
            {mine.notes.map((n) => (
              <li
                key={n.id}
                className={`flex flex-col gap-2 rounded-lg border-2 p-3 ${n.replies.length ? "border-stone-200" : "border-amber-500"}`}
              >
                <p className="flex flex-wrap items-center gap-2 text-base text-muted">
                  <span className="rounded-md bg-stone-200 px-2 font-semibold text-ink">{t(`projects.supervisionKind.${n.kind}`)}</span>
                  <span>
                    {t("projects.department.noteBy", {
                      name: n.groupName ? `${n.groupName} · ${n.delegateName}` : n.delegateName,
                      date: formatDay(n.createdAt, locale),
                    })}
                  </span>
                  {!n.replies.length && <span className="font-bold text-amber-950">{t("projects.page.unanswered")}</span>}
                </p>
                <h3 className="text-lg font-bold">{n.summary}</h3>
                <p className="whitespace-pre-line text-lg">{n.body}</p>
                {n.replies.map((r) => (
                  <div key={r.id} className="rounded-lg bg-green-50 p-3">
                    <p className="text-base font-semibold text-green-900">
                      {t("projects.department.repliedOn", { date: formatDay(r.createdAt, locale) })}
                    </p>
                    <p className="whitespace-pre-line text-lg">{r.body}</p>
                  </div>
                ))}
                <SupervisionReplyForm
                  noteId={n.id}
                  label={n.replies.length ? t("projects.department.replyAgain") : t("projects.department.reply")}
                />
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
