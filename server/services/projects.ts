import "server-only";
import type { Actor } from "../auth/actor";
import type { Db, Tx } from "../db-client";
import { storedResult } from "../domain/approved-projects";
import { mayEditProject } from "../domain/permissions";
import { projectRefusal, projectStage, type ProjectAction } from "../domain/project-lifecycle";
import { calendarDay as day, summarizeProgress } from "../domain/project-progress";
import { PROJECT_STATUSES, type ProjectStatus } from "../domain/project-status";
import { AppError, parseInput } from "../errors";
import type { FileStorage } from "../storage/file-storage";
import { localToday } from "~/lib/format";
import type { TPlanInput, TProgressUpdateInput } from "~/lib/schemas/projects";
import { ZPlanInput, ZProgressUpdateInput } from "~/lib/schemas/projects";
import { loadApprovedCandidateIds } from "./approved-projects";
import { appendAudit } from "./audit";
import { storePhoto, type StoredPhoto } from "./photos";
import { ratingResults } from "./ratings";

type StaffActor = Extract<Actor, { kind: "staff" }>;

/**
 * Per object: who may edit the project (mayEditProject), and whether its stage allows the
 * action (projectRefusal: approved by the delegates; for progress, a plan saved first).
 */
async function assertMayEdit(tx: Tx, actor: StaffActor, candidateId: string, action: ProjectAction) {
  const c = await tx.candidate.findUnique({
    where: { id: candidateId },
    select: { sessionId: true, departmentId: true, plan: { select: { id: true } } },
  });
  if (!c) throw new AppError("NOT_FOUND");
  if (!mayEditProject(actor, c)) throw new AppError("FORBIDDEN");
  const approved = (await loadApprovedCandidateIds(tx, c.sessionId)).has(candidateId);
  const refusal = projectRefusal(action, projectStage({ approved, hasPlan: c.plan !== null }));
  if (refusal) throw new AppError(refusal);
  return { sessionId: c.sessionId, planId: c.plan?.id ?? null };
}

/** Creates or replaces the implementation plan; milestones are replaced as a whole. Audited. */
export async function savePlan(db: Db, actor: StaffActor, raw: TPlanInput): Promise<void> {
  const input = parseInput(ZPlanInput, raw);
  await db.$transaction(async (tx) => {
    const c = await assertMayEdit(tx, actor, input.candidateId, "savePlan");
    const data = {
      leadOfficial: input.leadOfficial,
      budgetWan: input.budgetWan,
      deadline: new Date(input.deadline),
      startedOn: input.startedOn ? new Date(input.startedOn) : null,
      completedOn: input.completedOn ? new Date(input.completedOn) : null,
    };
    const plan = await tx.implementationPlan.upsert({
      where: { candidateId: input.candidateId },
      create: { candidateId: input.candidateId, ...data },
      update: data,
    });
    await tx.milestone.deleteMany({ where: { planId: plan.id } });
    await tx.milestone.createMany({
      data: input.milestones.map((m, i) => ({
        planId: plan.id,
        title: m.title,
        plannedOn: new Date(m.plannedOn),
        achievedOn: m.achievedOn ? new Date(m.achievedOn) : null,
        sortOrder: i,
      })),
    });
    await appendAudit(tx, actor, {
      action: "plan.saved",
      entityType: "Candidate",
      entityId: input.candidateId,
      sessionId: c.sessionId,
      data: { ...input, milestones: input.milestones.length },
    });
  });
}

/**
 * A department posts progress on its own project. Photos are checked and resized before
 * the transaction (they are files, not rows); a published update is never edited — a
 * correction is a new update pointing at the one it corrects.
 */
export async function postProgressUpdate(db: Db, storage: FileStorage, actor: StaffActor, raw: TProgressUpdateInput): Promise<string> {
  const input = parseInput(ZProgressUpdateInput, raw);
  // Check permission (and that there is a plan to post against) before any photo is stored.
  await db.$transaction((tx) => assertMayEdit(tx, actor, input.candidateId, "postProgress"));
  const photos: (StoredPhoto & { alt: string })[] = [];
  for (const p of input.photos) photos.push({ ...(await storePhoto(storage, Buffer.from(p.contentBase64, "base64"))), alt: p.alt });
  return db.$transaction(async (tx) => {
    const c = await assertMayEdit(tx, actor, input.candidateId, "postProgress");
    const planId = c.planId!;
    if (input.correctsId && !(await tx.progressUpdate.count({ where: { id: input.correctsId, planId } })))
      throw new AppError("BAD_INPUT", { field: "correctsId" });
    const update = await tx.progressUpdate.create({
      data: {
        planId,
        authorId: actor.id,
        body: input.body,
        percent: input.percent,
        spentWan: input.spentWan,
        correctsId: input.correctsId,
        attachments: { create: photos },
      },
    });
    await appendAudit(tx, actor, {
      action: input.correctsId ? "progress.corrected" : "progress.posted",
      entityType: "Candidate",
      entityId: input.candidateId,
      sessionId: c.sessionId,
      data: { updateId: update.id, percent: input.percent, spentWan: input.spentWan, photos: photos.length, correctsId: input.correctsId },
    });
    return update.id;
  });
}

/** Everything a resident's project page shows; only approved posts and published ratings. */
export async function getPublicProject(db: Db, candidateId: string) {
  const c = await db.candidate.findUnique({
    where: { id: candidateId },
    include: {
      department: { select: { name: true } },
      session: { select: { id: true, name: true } },
      plan: {
        include: {
          milestones: { orderBy: [{ sortOrder: "asc" }] },
          updates: { orderBy: { createdAt: "desc" }, include: { attachments: true } },
        },
      },
      supervisionNotes: {
        orderBy: { createdAt: "desc" },
        select: {
          id: true,
          kind: true,
          summary: true,
          groupName: true,
          createdAt: true,
          replies: { select: { createdAt: true }, take: 1 },
        },
      },
      feedback: {
        where: { status: "APPROVED" },
        orderBy: { createdAt: "desc" },
        take: 20,
        select: { id: true, body: true, createdAt: true },
      },
      suggestions: { where: { suggestion: { status: "APPROVED" } }, select: { suggestion: { select: { id: true, title: true } } } },
      pollCandidates: {
        where: { poll: { status: "PUBLISHED" } },
        select: { id: true, poll: { select: { id: true, title: true, result: true, publishedAt: true } } },
      },
    },
  });
  if (!c) throw new AppError("NOT_FOUND");
  const votes = c.pollCandidates.map((pc) => {
    const r = storedResult(pc.poll.result)!.candidates.find((x) => x.id === pc.id)!;
    return {
      pollId: pc.poll.id,
      pollTitle: pc.poll.title,
      for: r.for,
      against: r.against,
      abstain: r.abstain,
      passed: r.passed,
      selected: r.selected,
    };
  });
  const rounds = await db.ratingRound.findMany({
    where: { sessionId: c.sessionId, status: "PUBLISHED" },
    orderBy: { publishedAt: "desc" },
    take: 1,
    select: { id: true, title: true },
  });
  const rating = rounds[0] ? ((await ratingResults(db, rounds[0].id)).find((r) => r.candidateId === c.id) ?? null) : null;
  return {
    id: c.id,
    title: c.title,
    category: c.category,
    summary: c.summary,
    unitName: c.department.name,
    budgetWan: c.budgetWan.toFixed(2),
    location: c.location,
    targets: c.targets,
    deadline: day(c.deadline)!,
    sessionId: c.session.id,
    sessionName: c.session.name,
    approved: votes.some((v) => v.selected),
    votes,
    progress: summarizeProgress(c.plan, c.deadline),
    plan: c.plan && {
      leadOfficial: c.plan.leadOfficial,
      deadline: day(c.plan.deadline)!,
      startedOn: day(c.plan.startedOn),
      completedOn: day(c.plan.completedOn),
      milestones: c.plan.milestones.map((m) => ({ id: m.id, title: m.title, plannedOn: day(m.plannedOn)!, achievedOn: day(m.achievedOn) })),
      updates: c.plan.updates.map((u) => ({
        id: u.id,
        body: u.body,
        percent: u.percent,
        spentWan: u.spentWan.toFixed(2),
        createdAt: u.createdAt,
        correctsId: u.correctsId,
        photos: u.attachments.map((a) => ({ key: a.storageKey, alt: a.alt, width: a.width, height: a.height })),
      })),
    },
    supervision: c.supervisionNotes.map((n) => ({
      id: n.id,
      kind: n.kind,
      summary: n.summary,
      groupName: n.groupName,
      createdAt: n.createdAt,
      answered: n.replies.length > 0,
    })),
    feedback: c.feedback,
    suggestions: c.suggestions.map((s) => s.suggestion),
    rating: rating && rounds[0] ? { ...rating, roundTitle: rounds[0].title } : null,
  };
}

export type TPublicProject = Awaited<ReturnType<typeof getPublicProject>>;

/** The public overview: the session's approved projects with their derived progress. */
export async function listPublicProjects(db: Db, sessionId: string) {
  const ids = await loadApprovedCandidateIds(db, sessionId);
  const rows = await db.candidate.findMany({
    where: { id: { in: [...ids] } },
    orderBy: { sortOrder: "asc" },
    include: {
      department: { select: { name: true } },
      plan: { include: { milestones: true, updates: { orderBy: { createdAt: "desc" }, include: { attachments: { take: 1 } } } } },
    },
  });
  return rows.map((c) => ({
    id: c.id,
    title: c.title,
    category: c.category,
    location: c.location,
    unitName: c.department.name,
    ...summarizeProgress(c.plan, c.deadline),
    budgetWan: c.plan ? c.plan.budgetWan.toFixed(2) : c.budgetWan.toFixed(2),
    latestPhoto: c.plan?.updates.flatMap((u) => u.attachments)[0]?.storageKey ?? null,
  }));
}

/**
 * A department's own approved projects, with the supervision notes filed on them (full
 * text and replies: the public page shows only summaries). Other staff get an empty list.
 */
export async function listDepartmentProjects(db: Db, actor: StaffActor) {
  const { departmentId } = actor;
  if (actor.role !== "DEPARTMENT" || !departmentId) return [];
  const rows = await db.candidate.findMany({
    where: { departmentId },
    orderBy: [{ session: { year: "desc" } }, { sortOrder: "asc" }],
    include: {
      session: { select: { name: true } },
      plan: { include: { milestones: true, updates: { select: { percent: true, spentWan: true, createdAt: true } } } },
      supervisionNotes: {
        orderBy: { createdAt: "desc" },
        include: {
          delegate: { select: { name: true } },
          replies: { orderBy: { createdAt: "asc" }, select: { id: true, body: true, createdAt: true } },
        },
      },
    },
  });
  const approved = new Set<string>();
  for (const sessionId of new Set(rows.map((c) => c.sessionId)))
    for (const id of await loadApprovedCandidateIds(db, sessionId)) approved.add(id);
  return rows
    .filter((c) => approved.has(c.id))
    .map((c) => ({
      id: c.id,
      title: c.title,
      category: c.category,
      sessionName: c.session.name,
      hasPlan: c.plan !== null,
      ...summarizeProgress(c.plan, c.deadline),
      notes: c.supervisionNotes.map((n) => ({
        id: n.id,
        kind: n.kind,
        groupName: n.groupName,
        summary: n.summary,
        body: n.body,
        createdAt: n.createdAt,
        delegateName: n.delegate.name,
        replies: n.replies,
      })),
    }));
}

/**
 * 进展情况汇总: the session's approved projects for the standing committee, in slate order:
 * plan, money, progress, milestones, open supervision items and the published rating, with
 * totals. Figures are derived the same way as on the public pages (summarizeProgress).
 */
export async function progressReport(db: Db, sessionId: string, today = localToday()) {
  const session = await db.congressSession.findUnique({ where: { id: sessionId }, select: { name: true } });
  if (!session) throw new AppError("NOT_FOUND");
  const ids = await loadApprovedCandidateIds(db, sessionId);
  const [candidates, rounds] = await Promise.all([
    db.candidate.findMany({
      where: { id: { in: [...ids] } },
      orderBy: { sortOrder: "asc" },
      include: {
        department: { select: { name: true } },
        plan: {
          include: {
            milestones: { orderBy: [{ sortOrder: "asc" }] },
            updates: { select: { percent: true, spentWan: true, createdAt: true } },
          },
        },
        supervisionNotes: { select: { _count: { select: { replies: true } } } },
      },
    }),
    db.ratingRound.findMany({ where: { sessionId, status: "PUBLISHED" }, orderBy: { publishedAt: "desc" }, take: 1, select: { id: true } }),
  ]);
  const ratings = new Map((rounds[0] ? await ratingResults(db, rounds[0].id) : []).map((r) => [r.candidateId, r]));
  const rows = candidates.map((c, i) => {
    const progress = summarizeProgress(c.plan, c.deadline, today);
    const milestones = c.plan?.milestones ?? [];
    const next = milestones.find((m) => !m.achievedOn) ?? null;
    return {
      position: i + 1,
      id: c.id,
      title: c.title,
      category: c.category,
      unitName: c.department.name,
      leadOfficial: c.plan?.leadOfficial ?? null,
      ...progress,
      budgetWan: progress.budgetWan ?? c.budgetWan.toFixed(2),
      deadline: day(c.plan?.deadline ?? c.deadline)!,
      milestonesDone: milestones.filter((m) => m.achievedOn).length,
      milestonesTotal: milestones.length,
      nextMilestone: next && { title: next.title, plannedOn: day(next.plannedOn)! },
      supervisionTotal: c.supervisionNotes.length,
      supervisionOpen: c.supervisionNotes.filter((n) => n._count.replies === 0).length,
      rating: ratings.get(c.id) ?? null,
    };
  });
  // Sums in hundredths of 万元, so that adding decimals cannot drift.
  const sum = (pick: (r: (typeof rows)[number]) => string) =>
    (rows.reduce((s, r) => s + Math.round(Number(pick(r)) * 100), 0) / 100).toFixed(2);
  return {
    sessionName: session.name,
    today,
    rows,
    totals: {
      count: rows.length,
      budgetWan: sum((r) => r.budgetWan),
      spentWan: sum((r) => r.spentWan),
      averagePercent: rows.length ? Math.round(rows.reduce((s, r) => s + r.percent, 0) / rows.length) : 0,
      byStatus: Object.fromEntries(PROJECT_STATUSES.map((s) => [s, rows.filter((r) => r.status === s).length])) as Record<
        ProjectStatus,
        number
      >,
    },
  };
}

export type TProgressReport = Awaited<ReturnType<typeof progressReport>>;
