import "server-only";
import type { Db, Tx } from "../db-client";
import { ballotsSeal } from "../domain/ballots-seal";
import { AppError } from "../errors";
import type { PollStatus } from "../generated/prisma/enums";

// What every step of a poll reads first: its row, locked, and the session's roll (应到 / 实到).

/** The poll row, locked FOR UPDATE: state transitions of one poll happen one at a time. */
export async function lockPoll(tx: Tx, pollId: string) {
  const rows = await tx.$queryRaw<{ id: string; sessionId: string; status: PollStatus }[]>`
    SELECT "id", "sessionId", "status" FROM "Poll" WHERE "id" = ${pollId} FOR UPDATE`;
  const poll = rows[0];
  if (!poll) throw new AppError("NOT_FOUND");
  return poll;
}

/** 应到 (active delegates) and 实到 (those of them checked in). */
export async function seatedAndPresent(tx: Tx | Db, sessionId: string) {
  const [seated, present] = await Promise.all([
    tx.delegate.count({ where: { sessionId, active: true } }),
    tx.checkIn.count({ where: { sessionId, delegate: { active: true } } }),
  ]);
  return { seated, present };
}

/** The seal of the poll's ballots as they stand (ballotsSeal): taken when the count comes into being, retaken by audit:verify. */
export async function sealBallots(tx: Tx | Db, pollId: string): Promise<{ hash: string; count: number }> {
  const ballots = await tx.ballot.findMany({
    where: { pollId },
    select: { tracker: true, source: true, choices: { select: { pollCandidateId: true, choice: true } } },
  });
  return ballotsSeal(ballots);
}
