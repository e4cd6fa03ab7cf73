/**
 * The scenario's roster, written straight into its fresh database in a handful of
 * set-based statements (seeding is not what is measured): one congress, session and
 * delegation, N delegates sharing one scrypt PIN hash, every one of them checked in,
 * 12 candidates with their responsible units, and a secretariat account.
 *
 * The poll itself is NOT made here: the secretariat creates and opens it over HTTP,
 * through the app's own procedures (quorum check, slate snapshot, audit).
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import { hashSecret } from "../../server/auth/password";
import { newWrappedBoxKey } from "../../server/domain/ballot-seal";
import { benchKek } from "./stored-ballots";

export const BENCH_PIN = "246810";
export const BENCH_STAFF_PASSWORD = "bench staff password 2024";
export const BENCH_STAFF_USERNAME = "bench-secretariat";
export const CANDIDATE_COUNT = 12;

export interface SeededScenario {
  sessionId: string;
  candidateIds: string[];
  cardCodes: string[];
}

export function cardCodeOf(i: number): string {
  return `BENCH${String(i + 1).padStart(5, "0")}`;
}

let hashes: Promise<[string, string]> | null = null;

export async function seedScenario(databaseUrl: string, delegates: number): Promise<SeededScenario> {
  hashes ??= Promise.all([hashSecret(BENCH_PIN), hashSecret(BENCH_STAFF_PASSWORD)]);
  const [pinHash, passwordHash] = await hashes;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("BEGIN");
    const congressId = randomUUID();
    const sessionId = randomUUID();
    const delegationId = randomUUID();
    await client.query(`INSERT INTO "Congress" ("id", "name", "level") VALUES ($1, '基准测试区人民代表大会', 'DISTRICT')`, [congressId]);
    await client.query(
      `INSERT INTO "CongressSession" ("id", "congressId", "name", "year", "startsOn", "checkInOpen") VALUES ($1, $2, '第一次会议（基准测试）', 2025, '2025-01-10', true)`,
      [sessionId, congressId],
    );
    await client.query(`INSERT INTO "Delegation" ("id", "sessionId", "name") VALUES ($1, $2, '基准代表团')`, [delegationId, sessionId]);
    await client.query(
      `INSERT INTO "Delegate" ("id", "sessionId", "delegationId", "name", "seat", "cardCode", "pinHash", "updatedAt")
       SELECT gen_random_uuid()::text, $1, $2, '代表' || i, lpad(i::text, 5, '0'), 'BENCH' || lpad(i::text, 5, '0'), $3, now()
       FROM generate_series(1, $4::int) AS i`,
      [sessionId, delegationId, pinHash, delegates],
    );
    await client.query(
      `INSERT INTO "CheckIn" ("id", "sessionId", "delegateId", "method") SELECT gen_random_uuid()::text, $1, "id", 'DESK' FROM "Delegate" WHERE "sessionId" = $1`,
      [sessionId],
    );
    const departments = Array.from({ length: 4 }, (_, i) => ({ id: randomUUID(), name: `责任单位${i + 1}（基准）` }));
    for (const d of departments) await client.query(`INSERT INTO "Department" ("id", "name") VALUES ($1, $2)`, [d.id, d.name]);
    const candidateIds: string[] = [];
    for (let i = 0; i < CANDIDATE_COUNT; i++) {
      const id = randomUUID();
      candidateIds.push(id);
      await client.query(
        `INSERT INTO "Candidate" ("id", "sessionId", "title", "category", "summary", "departmentId", "budgetWan", "location", "targets", "deadline", "sortOrder", "updatedAt")
         VALUES ($1, $2, $3, '民生', '基准测试项目', $4, 500.00, '全区', '年内完成', '2025-12-31', $5, now())`,
        [id, sessionId, `民生实事项目 ${i + 1}`, departments[i % departments.length]!.id, i + 1],
      );
    }
    await client.query(
      `INSERT INTO "StaffUser" ("id", "username", "displayName", "passwordHash", "role", "updatedAt") VALUES ($1, $2, '基准秘书处', $3, 'SECRETARIAT', now())`,
      [randomUUID(), BENCH_STAFF_USERNAME, passwordHash],
    );
    await client.query("COMMIT");
    await client.query(`ANALYZE`);
    return { sessionId, candidateIds, cardCodes: Array.from({ length: delegates }, (_, i) => cardCodeOf(i)) };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/**
 * An OPEN secret EQUAL poll over the scenario's candidates, written straight in SQL — for
 * the ceiling and cost probes only; the storm's poll is made by the secretariat over HTTP.
 */
export async function openPollDirectly(
  databaseUrl: string,
  seeded: SeededScenario,
  title: string,
): Promise<{ pollId: string; pollCandidateIds: string[] }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const n = seeded.cardCodes.length;
    const pollId = (
      await client.query<{ id: string }>(
        `INSERT INTO "Poll" ("id", "sessionId", "title", "kind", "seats", "status", "openedAt", "seated", "present")
         VALUES (gen_random_uuid()::text, $1, $2, 'EQUAL', $3, 'OPEN', now(), $4, $4) RETURNING "id"`,
        [seeded.sessionId, title, seeded.candidateIds.length, n],
      )
    ).rows[0]!.id;
    const pollCandidateIds: string[] = [];
    for (const [i, candidateId] of seeded.candidateIds.entries()) {
      const row = await client.query<{ id: string }>(
        `INSERT INTO "PollCandidate" ("id", "pollId", "candidateId", "position", "title", "unitName", "budgetWan", "targets")
         VALUES (gen_random_uuid()::text, $1, $2, $3, $4, '责任单位', 500.00, '年内完成') RETURNING "id"`,
        [pollId, candidateId, i + 1, `民生实事项目 ${i + 1}`],
      );
      pollCandidateIds.push(row.rows[0]!.id);
    }
    // Its sealed ballot box, as openPoll makes it (server/services/ballot-box.ts).
    const { wrapped, kekId } = newWrappedBoxKey(benchKek(), pollId);
    await client.query(`INSERT INTO "BallotBoxKey" ("boxId", "wrapped", "kekId") VALUES ($1, $2, $3)`, [pollId, wrapped, kekId]);
    return { pollId, pollCandidateIds };
  } finally {
    await client.end();
  }
}

/**
 * A PUBLISHED poll whose first six candidates were approved, written straight in SQL, so
 * the public project pages have an approved project to show (the page probe only; the
 * storm never touches it). The result has the tally's shape.
 */
export async function seedPublishedPoll(databaseUrl: string, seeded: SeededScenario): Promise<{ approvedCandidateId: string }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const n = seeded.cardCodes.length;
    const approved = seeded.candidateIds.slice(0, 6);
    await client.query("BEGIN");
    const pollId = randomUUID();
    const pcs = approved.map((candidateId, i) => ({ id: randomUUID(), candidateId, i }));
    const result = {
      valid: n,
      invalid: 0,
      runoff: [],
      unfilled: 0,
      candidates: pcs.map((pc) => ({ id: pc.id, for: n, against: 0, abstain: 0, passed: true, rank: 1, selected: true })),
    };
    await client.query(
      `INSERT INTO "Poll" ("id", "sessionId", "title", "kind", "seats", "status", "openedAt", "closedAt", "certifiedAt", "publishedAt", "seated", "present", "issued", "returned", "result")
       VALUES ($1, $2, '2025年民生实事项目票决（已公布）', 'EQUAL', $3, 'PUBLISHED', now(), now(), now(), now(), $4, $4, $4, $4, $5)`,
      [pollId, seeded.sessionId, pcs.length, n, JSON.stringify(result)],
    );
    for (const pc of pcs) {
      await client.query(
        `INSERT INTO "PollCandidate" ("id", "pollId", "candidateId", "position", "title", "unitName", "budgetWan", "targets")
         VALUES ($1, $2, $3, $4, $5, '责任单位', 500.00, '年内完成')`,
        [pc.id, pollId, pc.candidateId, pc.i + 1, `民生实事项目 ${pc.i + 1}`],
      );
    }
    await client.query("COMMIT");
    return { approvedCandidateId: approved[0]! };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
