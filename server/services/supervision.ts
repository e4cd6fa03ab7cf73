import "server-only";
import type { StaffActor, DelegateActor } from "../auth/actor";
import type { Db } from "../db-client";
import { mayEditProject } from "../domain/permissions";
import { projectRefusal, projectStage } from "../domain/project-lifecycle";
import { AppError, parseInput } from "../errors";
import type { TSupervisionNoteInput, TSupervisionReplyInput, TSupervisionRow } from "~/lib/schemas/projects";
import { ZSupervisionNoteInput, ZSupervisionReplyInput } from "~/lib/schemas/projects";
import { loadApprovedCandidateIds } from "./approved-projects";
import { appendAudit } from "./audit";

/** 督办: a delegate files a note on an approved project of their own session. */
export async function fileSupervisionNote(db: Db, actor: DelegateActor, raw: TSupervisionNoteInput): Promise<string> {
  const input = parseInput(ZSupervisionNoteInput, raw);
  return db.$transaction(async (tx) => {
    const c = await tx.candidate.findUnique({
      where: { id: input.candidateId },
      select: { sessionId: true, plan: { select: { id: true } } },
    });
    if (!c || c.sessionId !== actor.sessionId) throw new AppError("NOT_FOUND");
    const approved = (await loadApprovedCandidateIds(tx, c.sessionId)).has(input.candidateId);
    const refusal = projectRefusal("fileSupervisionNote", projectStage({ approved, hasPlan: c.plan !== null }));
    if (refusal) throw new AppError(refusal);
    const note = await tx.supervisionNote.create({ data: { ...input, delegateId: actor.id } });
    await appendAudit(tx, actor, {
      action: "supervision.filed",
      entityType: "Candidate",
      entityId: input.candidateId,
      sessionId: c.sessionId,
      data: { noteId: note.id, kind: input.kind },
    });
    return note.id;
  });
}

/** The responsible department answers a note on its own project (the secretariat may too). */
export async function replyToNote(db: Db, actor: StaffActor, raw: TSupervisionReplyInput): Promise<string> {
  const input = parseInput(ZSupervisionReplyInput, raw);
  return db.$transaction(async (tx) => {
    const note = await tx.supervisionNote.findUnique({
      where: { id: input.noteId },
      select: { candidateId: true, candidate: { select: { sessionId: true, departmentId: true } } },
    });
    if (!note) throw new AppError("NOT_FOUND");
    if (!mayEditProject(actor, note.candidate)) throw new AppError("FORBIDDEN");
    const reply = await tx.supervisionReply.create({ data: { noteId: input.noteId, authorId: actor.id, body: input.body } });
    await appendAudit(tx, actor, {
      action: "supervision.replied",
      entityType: "Candidate",
      entityId: note.candidateId,
      sessionId: note.candidate.sessionId,
      data: { noteId: input.noteId },
    });
    return reply.id;
  });
}

/** For the secretariat: every note with its first reply time; open ones (no reply) first. */
export async function listSupervision(db: Db, sessionId: string): Promise<TSupervisionRow[]> {
  const notes = await db.supervisionNote.findMany({
    where: { candidate: { sessionId } },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      kind: true,
      summary: true,
      createdAt: true,
      groupName: true,
      candidate: { select: { id: true, title: true, department: { select: { name: true } } } },
      delegate: { select: { name: true } },
      replies: { orderBy: { createdAt: "asc" }, take: 1, select: { createdAt: true } },
    },
  });
  return notes
    .map((n) => ({
      id: n.id,
      kind: n.kind,
      summary: n.summary,
      createdAt: n.createdAt,
      groupName: n.groupName,
      delegateName: n.delegate.name,
      candidateId: n.candidate.id,
      candidateTitle: n.candidate.title,
      unitName: n.candidate.department.name,
      firstReplyAt: n.replies[0]?.createdAt ?? null,
      replyHours: n.replies[0] ? Math.round((n.replies[0].createdAt.getTime() - n.createdAt.getTime()) / 36e5) : null,
    }))
    .sort((a, b) => Number(a.firstReplyAt !== null) - Number(b.firstReplyAt !== null));
}
