import "server-only";
import type { StaffActor } from "../auth/actor";
import type { Db } from "../db-client";
import { summarizeProgress } from "../domain/project-progress";
import type { TDepartmentProject } from "~/lib/schemas/projects";
import { loadApprovedCandidateIds } from "./approved-projects";

/**
 * A department's own approved projects, with the supervision notes filed on them (full
 * text and replies: the public page shows only summaries). Other staff get an empty list.
 */
export async function listDepartmentProjects(db: Db, actor: StaffActor): Promise<TDepartmentProject[]> {
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
