import { createHash, randomBytes, randomUUID } from "node:crypto";
import type pg from "pg";
import { withClient } from "../../scripts/lib/pg-client";

/** Direct access to the e2e database, for setting up what a test needs (never for asserting UI state). */
export const withDb = <T>(run: (client: pg.Client) => Promise<T>) => withClient(process.env.E2E_DATABASE_URL!, run);

/**
 * Prints a delegate card's QR token the way the secretariat would: a random token whose
 * hash is stored (the format is server/auth/sign-in.ts's hashLoginToken — restated here
 * on purpose, so a change to it breaks this test rather than passing silently).
 */
export async function issueLoginToken(cardCode: string): Promise<string> {
  const token = randomBytes(24).toString("base64url");
  const hash = createHash("sha256").update(`minsheng-login-token\n${token}`).digest("hex");
  await withDb((c) =>
    c.query(
      `INSERT INTO "LoginToken" ("id", "delegateId", "tokenHash") SELECT gen_random_uuid()::text, "id", $2 FROM "Delegate" WHERE "cardCode" = $1`,
      [cardCode, hash],
    ),
  );
  return token;
}

export interface TestSession {
  sessionId: string;
  /** Card codes of its delegates, in seat order; they sign in with the demo PIN. */
  cardCodes: string[];
  /** Delegate ids, in the same order. */
  delegateIds: string[];
}

/**
 * A congress session of a test's own, so that its check-in and polls never meet another
 * spec's (the demo session's check-in and polls belong to vote-session.desktop.spec.ts):
 * one delegation, `delegates` delegates signing in with the demo PIN (the last two are
 * scrutineers), and the first `candidates` of the demo slate copied onto its own slate, under
 * a responsible unit of its own (a department's pages list its projects of every session).
 * Dated 2019, so it never becomes the public pages' current session.
 */
export async function createTestSession(
  label: string,
  opts: { delegates: number; candidates?: number; checkInOpen?: boolean; names?: string[] },
): Promise<TestSession> {
  const run = `${Date.now().toString(36)}${randomBytes(2).toString("hex")}`.toUpperCase();
  return withDb(async (c) => {
    await c.query("BEGIN");
    try {
      const {
        rows: [demo],
      } = await c.query<{ sessionId: string; congressId: string; pinHash: string }>(
        `SELECT d."sessionId", s."congressId", d."pinHash" FROM "Delegate" d JOIN "CongressSession" s ON s."id" = d."sessionId" WHERE d."cardCode" = 'LZ0001'`,
      );
      const sessionId = randomUUID();
      await c.query(
        `INSERT INTO "CongressSession" ("id", "congressId", "name", "year", "startsOn", "checkInOpen") VALUES ($1, $2, $3, 2019, '2019-01-10', $4)`,
        [sessionId, demo!.congressId, `e2e ${label} ${run}`, opts.checkInOpen ?? false],
      );
      const delegationId = randomUUID();
      await c.query(`INSERT INTO "Delegation" ("id", "sessionId", "name") VALUES ($1, $2, '稷下街道')`, [delegationId, sessionId]);
      const names = opts.names ?? ["王建国", "欧阳秀英", "李明", "张丽华", "赵志强", "孙桂兰"];
      const cardCodes: string[] = [];
      const delegateIds: string[] = [];
      for (let i = 0; i < opts.delegates; i++) {
        const id = randomUUID();
        const cardCode = `T${run}${i}`;
        await c.query(
          `INSERT INTO "Delegate" ("id", "sessionId", "delegationId", "name", "seat", "cardCode", "pinHash", "updatedAt")
           VALUES ($1, $2, $3, $4, $5, $6, $7, now())`,
          [id, sessionId, delegationId, names[i % names.length], `02-${String(i + 1).padStart(2, "0")}`, cardCode, demo!.pinHash],
        );
        cardCodes.push(cardCode);
        delegateIds.push(id);
      }
      for (const id of delegateIds.slice(-2))
        await c.query(`INSERT INTO "Scrutineer" ("sessionId", "delegateId") VALUES ($1, $2)`, [sessionId, id]);
      const departmentId = randomUUID();
      await c.query(`INSERT INTO "Department" ("id", "name") VALUES ($1, $2)`, [departmentId, `e2e 责任单位 ${run}`]);
      await c.query(
        `INSERT INTO "Candidate" ("id", "sessionId", "title", "category", "summary", "departmentId", "budgetWan", "location", "targets", "deadline", "sortOrder", "updatedAt")
         SELECT gen_random_uuid()::text, $1, "title", "category", "summary", $4, "budgetWan", "location", "targets", "deadline", "sortOrder", now()
           FROM "Candidate" WHERE "sessionId" = $2 ORDER BY "sortOrder", "createdAt" LIMIT $3`,
        [sessionId, demo!.sessionId, opts.candidates ?? 3, departmentId],
      );
      await c.query("COMMIT");
      return { sessionId, cardCodes, delegateIds };
    } catch (e) {
      await c.query("ROLLBACK");
      throw e;
    }
  });
}

/** The ids of a session's candidates, in slate order. */
export async function candidateIdsOf(sessionId: string): Promise<string[]> {
  return withDb(async (c) =>
    (
      await c.query<{ id: string }>(`SELECT "id" FROM "Candidate" WHERE "sessionId" = $1 ORDER BY "sortOrder", "title"`, [sessionId])
    ).rows.map((r) => r.id),
  );
}

/**
 * The database fails the app's statement the way it does under load (a statement cancelled,
 * SQLSTATE 57014): `block` takes a lock in a transaction of the test's own, `act` makes the
 * app run a statement that waits for it, and every statement waiting for that lock — only
 * those — is cancelled before the lock is let go. Returns what `act` returned.
 */
export async function failStatementsBlockedBy<T>(block: (c: pg.Client) => Promise<unknown>, act: () => Promise<T>): Promise<T> {
  return withDb(async (c) => {
    await c.query("BEGIN");
    try {
      await block(c);
      const me = (await c.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
      const acting = act();
      acting.catch(() => undefined); // awaited below
      let cancelled = 0;
      for (const deadline = Date.now() + 30_000; cancelled === 0;) {
        if (Date.now() > deadline) throw new Error("no statement of the app waited for the test's lock");
        await new Promise((r) => setTimeout(r, 50));
        // pg_stat_activity is read once per transaction and kept: look again each time, or an
        // app statement that reaches the lock after the first look is never seen.
        await c.query("SELECT pg_stat_clear_snapshot()");
        const { rows } = await c.query<{ cancelled: boolean }>(
          `SELECT pg_cancel_backend(pid) AS cancelled FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))`,
          [me],
        );
        cancelled = rows.filter((r) => r.cancelled).length;
      }
      await c.query("ROLLBACK");
      return await acting;
    } catch (e) {
      await c.query("ROLLBACK").catch(() => undefined);
      throw e;
    }
  });
}
