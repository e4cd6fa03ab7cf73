/**
 * What the database holds for a poll, as the scrutineers' count will see it: who took part,
 * and every ballot — those already counted (Ballot) and those still in the sealed box,
 * opened here read-only with the KEK the app servers were given (BALLOT_SEAL_KEY), as the
 * close will open them. The benchmark and the fault tests check exactly-once with it while
 * the poll is still open.
 */
import type pg from "pg";
import { unsealBallot, unwrapBoxKey } from "../../server/domain/ballot-seal";

/** The KEK as the app servers read it (server/env.ts), without loading the app's whole environment. */
export function benchKek(): Buffer {
  const raw = process.env.BALLOT_SEAL_KEY?.trim();
  if (!raw) throw new Error("BALLOT_SEAL_KEY is not set (tests/bench/run.sh and scripts/test-faults.sh set one)");
  return Buffer.from(raw.replace(/=$/, ""), "base64url");
}

export interface StoredBallots {
  participations: string[];
  trackers: string[];
  choices: number;
}

export async function storedBallots(c: pg.Client, pollId: string): Promise<StoredBallots> {
  const participations = (await c.query<{ delegateId: string }>(`SELECT "delegateId" FROM "Participation" WHERE "pollId" = $1`, [pollId]))
    .rows;
  const counted = (await c.query<{ tracker: string }>(`SELECT "tracker" FROM "Ballot" WHERE "pollId" = $1`, [pollId])).rows;
  const countedChoices = Number(
    (
      await c.query<{ n: string }>(
        `SELECT count(*) AS n FROM "BallotChoice" c JOIN "Ballot" b ON b."id" = c."ballotId" WHERE b."pollId" = $1`,
        [pollId],
      )
    ).rows[0]!.n,
  );
  const key = (
    await c.query<{ wrapped: Buffer; kekId: string }>(`SELECT "wrapped", "kekId" FROM "BallotBoxKey" WHERE "boxId" = $1`, [pollId])
  ).rows[0];
  const sealedRows = (await c.query<{ sealed: Buffer }>(`SELECT "sealed" FROM "SealedBallot" WHERE "boxId" = $1`, [pollId])).rows;
  const sealed = key ? sealedRows.map((r) => unsealBallot(unwrapBoxKey(benchKek(), pollId, key), pollId, r.sealed, "choice")) : [];
  return {
    participations: participations.map((r) => r.delegateId),
    trackers: [...counted.map((r) => r.tracker), ...sealed.map((s) => s.tracker)],
    choices: countedChoices + sealed.reduce((n, s) => n + Object.keys(s.marks).length, 0),
  };
}
