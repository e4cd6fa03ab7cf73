import "server-only";
import type { Db, Tx } from "../db-client";
import { approvedCandidateIds } from "../domain/approved-projects";

/** The session's approved projects (the rule is in the domain), read from its published polls. */
export async function loadApprovedCandidateIds(db: Db | Tx, sessionId: string): Promise<Set<string>> {
  const polls = await db.poll.findMany({
    where: { sessionId, status: "PUBLISHED" },
    select: { result: true, candidates: { select: { id: true, candidateId: true } } },
  });
  return approvedCandidateIds(polls);
}
