import "server-only";
import type { StaffActor } from "../auth/actor";
import type { Db, Tx } from "../db-client";
import { AppError, parseInput } from "../errors";
import type { TCreateCandidateInput, TSlateCandidate, TUpdateCandidateInput } from "~/lib/schemas/slate";
import { ZCreateCandidateInput, ZUpdateCandidateInput } from "~/lib/schemas/slate";
import { appendAudit } from "./audit";

export async function listSlate(db: Db, sessionId: string): Promise<TSlateCandidate[]> {
  const rows = await db.candidate.findMany({
    where: { sessionId },
    orderBy: [{ sortOrder: "asc" }, { createdAt: "asc" }],
    include: {
      department: { select: { name: true } },
      suggestions: { select: { suggestionId: true } },
      _count: { select: { pollCandidates: true } },
    },
  });
  return rows.map((c) => ({
    id: c.id,
    title: c.title,
    category: c.category,
    summary: c.summary,
    departmentId: c.departmentId,
    unitName: c.department.name,
    budgetWan: c.budgetWan.toFixed(2),
    location: c.location,
    targets: c.targets,
    deadline: c.deadline.toISOString().slice(0, 10),
    sortOrder: c.sortOrder,
    suggestionIds: c.suggestions.map((s) => s.suggestionId),
    inPolls: c._count.pollCandidates,
  }));
}

async function checkRefs(tx: Tx, departmentId: string, suggestionIds: string[]) {
  if (!(await tx.department.count({ where: { id: departmentId } }))) throw new AppError("BAD_INPUT", { field: "departmentId" });
  if ((await tx.suggestion.count({ where: { id: { in: suggestionIds } } })) !== new Set(suggestionIds).size)
    throw new AppError("BAD_INPUT", { field: "suggestionIds" });
}

export async function createCandidate(db: Db, actor: StaffActor, raw: TCreateCandidateInput): Promise<string> {
  const input = parseInput(ZCreateCandidateInput, raw);
  return db.$transaction(async (tx) => {
    if (!(await tx.congressSession.count({ where: { id: input.sessionId } }))) throw new AppError("NOT_FOUND");
    await checkRefs(tx, input.departmentId, input.suggestionIds);
    const last = await tx.candidate.aggregate({ where: { sessionId: input.sessionId }, _max: { sortOrder: true } });
    const c = await tx.candidate.create({
      data: {
        sessionId: input.sessionId,
        title: input.title,
        category: input.category,
        summary: input.summary,
        departmentId: input.departmentId,
        budgetWan: input.budgetWan,
        location: input.location,
        targets: input.targets,
        deadline: new Date(input.deadline),
        sortOrder: (last._max.sortOrder ?? 0) + 1,
        suggestions: { create: [...new Set(input.suggestionIds)].map((suggestionId) => ({ suggestionId })) },
      },
    });
    await appendAudit(tx, actor, {
      action: "candidate.created",
      entityType: "Candidate",
      entityId: c.id,
      sessionId: input.sessionId,
      data: { title: input.title },
    });
    return c.id;
  });
}

/**
 * Edits a candidate. Polls already created keep the snapshot they froze (PollCandidate):
 * an edit here changes only polls created afterwards and the public project page.
 */
export async function updateCandidate(db: Db, actor: StaffActor, raw: TUpdateCandidateInput): Promise<void> {
  const input = parseInput(ZUpdateCandidateInput, raw);
  await db.$transaction(async (tx) => {
    const before = await tx.candidate.findUnique({ where: { id: input.id } });
    if (!before) throw new AppError("NOT_FOUND");
    await checkRefs(tx, input.departmentId, input.suggestionIds);
    await tx.candidate.update({
      where: { id: input.id },
      data: {
        title: input.title,
        category: input.category,
        summary: input.summary,
        departmentId: input.departmentId,
        budgetWan: input.budgetWan,
        location: input.location,
        targets: input.targets,
        deadline: new Date(input.deadline),
      },
    });
    await tx.candidateSuggestion.deleteMany({ where: { candidateId: input.id } });
    await tx.candidateSuggestion.createMany({
      data: [...new Set(input.suggestionIds)].map((suggestionId) => ({ candidateId: input.id, suggestionId })),
    });
    const changed = (["title", "category", "summary", "departmentId", "location", "targets"] as const).filter(
      (k) => before[k] !== input[k],
    );
    if (before.budgetWan.toFixed(2) !== Number(input.budgetWan).toFixed(2)) changed.push("budgetWan" as never);
    await appendAudit(tx, actor, {
      action: "candidate.updated",
      entityType: "Candidate",
      entityId: input.id,
      sessionId: before.sessionId,
      data: { changed },
    });
  });
}

/** Only a candidate that no poll has used may be deleted (a poll's slate is history). */
export async function deleteCandidate(db: Db, actor: StaffActor, id: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const c = await tx.candidate.findUnique({
      where: { id },
      select: { sessionId: true, title: true, _count: { select: { pollCandidates: true } } },
    });
    if (!c) throw new AppError("NOT_FOUND");
    if (c._count.pollCandidates > 0) throw new AppError("CONFLICT");
    await tx.candidate.delete({ where: { id } });
    await appendAudit(tx, actor, {
      action: "candidate.deleted",
      entityType: "Candidate",
      entityId: id,
      sessionId: c.sessionId,
      data: { title: c.title },
    });
  });
}

export async function reorderSlate(db: Db, actor: StaffActor, sessionId: string, candidateIds: string[]): Promise<void> {
  await db.$transaction(async (tx) => {
    const existing = await tx.candidate.findMany({ where: { sessionId }, select: { id: true } });
    const ids = new Set(existing.map((c) => c.id));
    if (candidateIds.length !== ids.size || candidateIds.some((id) => !ids.has(id)))
      throw new AppError("BAD_INPUT", { field: "candidateIds" });
    await tx.$executeRaw`UPDATE "Candidate" c SET "sortOrder" = o.ord FROM unnest(${candidateIds}::text[]) WITH ORDINALITY AS o(id, ord) WHERE c."id" = o.id`;
    await appendAudit(tx, actor, {
      action: "slate.reordered",
      entityType: "CongressSession",
      entityId: sessionId,
      sessionId,
      data: { order: candidateIds },
    });
  });
}

export async function listDepartments(db: Db) {
  return db.department.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } });
}

export async function listSuggestions(db: Db, sessionId: string) {
  return db.suggestion.findMany({
    where: { OR: [{ sessionId }, { sessionId: null }], status: "APPROVED" },
    orderBy: { createdAt: "desc" },
    take: 500,
    select: { id: true, title: true },
  });
}
