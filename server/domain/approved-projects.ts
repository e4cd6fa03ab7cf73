import { ZPollResult, type TPollResult } from "~/lib/schemas/vote";

/**
 * A certified poll's result as stored (the JSON column Poll.result), read through the
 * result's schema: the one place that JSON is turned back into a result. It was written
 * by the tally and is frozen, so a mismatch is a damaged database, not a user's mistake.
 */
export function storedResult(json: unknown): TPollResult | null {
  return json === null || json === undefined ? null : ZPollResult.parse(json);
}

/** A published poll as the rule below needs it: its stored result and its frozen slate. */
export interface PublishedPoll {
  result: unknown;
  candidates: readonly { id: string; candidateId: string }[];
}

/**
 * "Approved project": a slate candidate selected in a published poll of its session. Only
 * these are implemented, followed by the public and rated at year end.
 */
export function approvedCandidateIds(polls: readonly PublishedPoll[]): Set<string> {
  const ids = new Set<string>();
  for (const p of polls) {
    const toCandidate = new Map(p.candidates.map((c) => [c.id, c.candidateId]));
    for (const r of storedResult(p.result)?.candidates ?? []) {
      const candidateId = toCandidate.get(r.id);
      if (r.selected && candidateId) ids.add(candidateId);
    }
  }
  return ids;
}
