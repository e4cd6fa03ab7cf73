import "server-only";
import { randomUUID } from "node:crypto";
import type { Tx } from "../db-client";
import { openBox } from "./ballot-box";

/**
 * The count opens the poll's sealed box (DESIGN §4a), in the caller's transaction: every
 * sealed ballot becomes a counted Ballot — what the tally, certification, the published
 * record and `npm run recount` read — in random order, with fresh ids and nothing that
 * refers to the sealed rows; the sealed rows and the poll's key are deleted. Every counted
 * row then carries this transaction's id, none a cast's, and none its cast's position.
 *
 * One call, taken when the count may be seen: at close today. A wrong or missing
 * key-encryption key throws BallotBoxError before anything is written (the caller's
 * transaction then changes nothing). Opening a box already opened finds it empty.
 */
export async function unsealBallots(tx: Tx, pollId: string): Promise<number> {
  const ballots = (await openBox(tx, pollId, "choice")).map((b) => ({ ...b, id: randomUUID() }));
  if (ballots.length === 0) return 0;
  const marks = ballots.flatMap((b) => Object.entries(b.marks).map(([candidate, mark]) => ({ ballotId: b.id, candidate, mark })));
  await tx.$executeRaw`
    INSERT INTO "Ballot" ("id", "pollId", "tracker", "source", "delegateId")
    SELECT b.id, ${pollId}, b.tracker, 'ELECTRONIC', b.delegate
    FROM unnest(${ballots.map((b) => b.id)}::text[], ${ballots.map((b) => b.tracker)}::text[], ${ballots.map((b) => b.delegateId)}::text[])
      WITH ORDINALITY AS b(id, tracker, delegate, n)
    ORDER BY b.n`;
  await tx.$executeRaw`
    INSERT INTO "BallotChoice" ("ballotId", "pollCandidateId", "choice")
    SELECT m.ballot, m.candidate, m.mark::"Choice"
    FROM unnest(${marks.map((m) => m.ballotId)}::text[], ${marks.map((m) => m.candidate)}::text[], ${marks.map((m) => m.mark)}::text[])
      WITH ORDINALITY AS m(ballot, candidate, mark, n)
    ORDER BY m.n`;
  return ballots.length;
}

/** The same for a rating round at its close: RatingBallot and RatingChoice rows, in random order with fresh ids. */
export async function unsealRatings(tx: Tx, roundId: string): Promise<number> {
  const ratings = (await openBox(tx, roundId, "grade")).map((r) => ({ ...r, id: randomUUID() }));
  if (ratings.length === 0) return 0;
  const grades = ratings.flatMap((r) => Object.entries(r.marks).map(([candidate, grade]) => ({ ballotId: r.id, candidate, grade })));
  await tx.$executeRaw`
    INSERT INTO "RatingBallot" ("id", "roundId", "tracker")
    SELECT r.id, ${roundId}, r.tracker
    FROM unnest(${ratings.map((r) => r.id)}::text[], ${ratings.map((r) => r.tracker)}::text[]) WITH ORDINALITY AS r(id, tracker, n)
    ORDER BY r.n`;
  await tx.$executeRaw`
    INSERT INTO "RatingChoice" ("ballotId", "candidateId", "grade")
    SELECT g.ballot, g.candidate, g.grade::"Grade"
    FROM unnest(${grades.map((g) => g.ballotId)}::text[], ${grades.map((g) => g.candidate)}::text[], ${grades.map((g) => g.grade)}::text[])
      WITH ORDINALITY AS g(ballot, candidate, grade, n)
    ORDER BY g.n`;
  return ratings.length;
}
