import "server-only";
import type { StaffActor } from "../auth/actor";
import type { Db, Tx } from "../db-client";
import { mayEditProject } from "../domain/permissions";
import { projectRefusal, projectStage, type ProjectAction } from "../domain/project-lifecycle";
import { AppError, parseInput } from "../errors";
import type { FileStorage } from "../storage/file-storage";
import type { TPlanInput, TProgressUpdateInput } from "~/lib/schemas/projects";
import { ZPlanInput, ZProgressUpdateInput } from "~/lib/schemas/projects";
import { loadApprovedCandidateIds } from "./approved-projects";
import { appendAudit } from "./audit";
import { storePhoto, type StoredPhoto } from "./photos";

// 实施: what the responsible department (or the secretariat) files on an approved project.

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
