/**
 * Issue 18, the machine dies: a backup taken while a 300-delegate poll is being voted, then
 * restored into a fresh data folder on "another machine" (the embedded default, no
 * DATABASE_URL), and the app started there with `npm start`. The app starts, the audit
 * chain verifies with the head the snapshot recorded, and every ballot acknowledged before
 * the backup began is there exactly once: in the database (one participation per ballot)
 * and through the app (the phone's resend gets its own receipt back as a replay).
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { appendFileSync, chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServer } from "../bench/app-server";
import { mapBounded } from "../bench/http-session";
import {
  cast,
  freshDatabase,
  openPoll,
  root,
  seedAndSignIn,
  sleep,
  startApp,
  stored,
  submission,
  type Outcome,
  type Scenario,
} from "./harness";
import { withClient } from "~/scripts/lib/pg-client";
import { freePort, runningPort } from "~/scripts/lib/embedded-postgres";
import { openSnapshot } from "~/scripts/lib/snapshot-file";

const DELEGATES = 300;
/** Phones voting at once: a steady storm. */
const AT_ONCE = 12;
const BACKUP_AFTER = 45;
/** The second half of the hall waits until the backup's transaction is open, so it votes while the backup reads. */
const SECOND_HALF = 150;
/** Ballots committed while the backup's transaction is open (it is held open until then). */
const WHILE_OPEN = 30;

const runDir = process.env.FAULTS_RUN_DIR!;
let server: AppServer;
let scenario: Scenario;
let databaseUrl: string;
let restored: ChildProcess | null = null;
let dataDir: string | null = null;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function npm(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    execFile("npm", ["run", "-s", script, "--", ...args], { cwd: root, env, encoding: "utf8", timeout: 600_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr }),
    );
  });
}

/** Resolves once the backup's connection waits for a lock: its snapshot is taken by then. */
async function backupWaitsForLock(): Promise<void> {
  await withClient(databaseUrl, async (c) => {
    for (;;) {
      const { rows } = await c.query(
        `SELECT 1 FROM pg_stat_activity WHERE application_name = 'minsheng-backup' AND wait_event_type = 'Lock'`,
      );
      if (rows.length > 0) return;
      await sleep(10);
    }
  });
}

beforeAll(async () => {
  databaseUrl = await freshDatabase("backup");
  server = await startApp(databaseUrl);
  scenario = await seedAndSignIn(server.url, databaseUrl, DELEGATES);
}, 600_000);

afterAll(async () => {
  await server?.stop();
  if (restored && restored.exitCode === null) {
    const exited = new Promise((resolve) => restored!.once("exit", resolve));
    process.kill(-restored.pid!, "SIGINT"); // npm start stops the app, then its database
    await exited;
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe("a backup taken during a vote storm", () => {
  it(
    "restores into a fresh data folder: npm start serves it, the chain verifies, every acknowledged ballot is there exactly once",
    { timeout: 900_000 },
    async () => {
      const poll = await openPoll(server.url, scenario, "故障测试：票决中备份");
      const subs = scenario.voters.map((v) => submission(v, poll));
      const file = path.join(runDir, "storm.snapshot");

      // The backup must read while ballots commit. So that this is certain, not a matter of timing, a table
      // the storm never writes is held locked: the backup takes its snapshot, then waits for that table's lock
      // inside its transaction while WHILE_OPEN more ballots commit, and only then goes on reading.
      const holder = new pg.Client({ connectionString: databaseUrl });
      await holder.connect();
      await holder.query(`BEGIN; LOCK TABLE "Suggestion" IN ACCESS EXCLUSIVE MODE`);
      // A receipt that arrived before the backup's transaction began (its takenAt, same clock) is certainly in
      // its snapshot; a ballot sent once the backup waits inside its transaction is certainly not.
      const receivedAt = new Map<number, number>();
      const whileOpen = new Set<number>();
      let waiting = false;
      let backup: Promise<Run> | null = null;
      let backupWaits: Promise<void> | null = null;
      let answered = 0;
      let outcomes: Outcome[];
      try {
        outcomes = await mapBounded(subs, AT_ONCE, async (sub, i) => {
          if (i >= SECOND_HALF) await backupWaits;
          const sentWhileOpen = waiting;
          const o = await cast(server.url, sub);
          if (o.kind === "receipt") receivedAt.set(i, Date.now());
          if (o.kind === "receipt" && sentWhileOpen && whileOpen.size < WHILE_OPEN) {
            whileOpen.add(i);
            if (whileOpen.size === WHILE_OPEN) await holder.query("COMMIT");
          }
          if (++answered === BACKUP_AFTER) {
            backup = npm("backup", [file], { ...process.env, DATABASE_URL: databaseUrl });
            backupWaits = backupWaitsForLock().then(() => void (waiting = true));
          }
          return o;
        });
      } finally {
        await holder.end();
      }
      const made = await backup!;
      expect(made.stderr).toBe("");
      expect(made.code).toBe(0);
      expect(outcomes.every((o) => o.kind === "receipt")).toBe(true);
      expect(whileOpen.size).toBe(WHILE_OPEN);
      const { header } = await openSnapshot(file);
      const before = [...receivedAt].filter(([, at]) => at < Date.parse(header.takenAt)).map(([i]) => i);
      expect(before.length).toBeGreaterThanOrEqual(BACKUP_AFTER);
      expect(header.open.polls).toBe(1);
      // The poll is open: its ballots are in the sealed box (a closed poll's would be counted, in Ballot).
      const rowsOf = (name: string) => header.tables.find((t) => t.name === name)!.rows;
      const inSnapshot = rowsOf("Ballot") + rowsOf("SealedBallot");
      console.log(
        `  receipts before the backup's snapshot: ${before.length}, while it was open: ${whileOpen.size}; ballots in it: ${inSnapshot}`,
      );

      // Another machine: a fresh data folder, the embedded default (no DATABASE_URL).
      // Under the system temp dir, open to the postgres user that runs PostgreSQL when we are root.
      dataDir = mkdtempSync(path.join(tmpdir(), "minsheng-restored-"));
      chmodSync(dataDir, 0o755);
      const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
      delete env.DATABASE_URL;
      const restore = await npm("restore", [file], env);
      expect(restore.stderr).toBe("");
      expect(restore.code).toBe(0);
      const verify = await npm("audit:verify", [], env);
      expect(verify.code).toBe(0);
      expect(verify.stdout).toContain(`${header.auditChain.entries} entries, head ${header.auditChain.head}`);

      // npm start on the restored folder, on the build under test.
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      restored = spawn("npm", ["start"], {
        cwd: root,
        env: {
          ...env,
          PORT: String(port),
          HOST: "127.0.0.1",
          NEXTAUTH_URL: url,
          NEXT_DIST_DIR: process.env.FAULTS_DIST_DIR,
          DEMO_DATA: "0",
        },
        detached: true,
        stdio: ["ignore", "pipe", "pipe"],
      });
      appendFileSync(path.join(runDir, "app-pids"), `${restored.pid}\n`);
      let output = "";
      restored.stdout!.on("data", (d: Buffer) => (output += d.toString()));
      restored.stderr!.on("data", (d: Buffer) => (output += d.toString()));
      const deadline = Date.now() + 300_000;
      while (
        !(await fetch(`${url}/api/health`).then(
          (r) => r.ok,
          () => false,
        ))
      ) {
        if (restored.exitCode !== null || Date.now() > deadline)
          throw new Error(`npm start on the restored folder did not come up:\n${output}`);
        await new Promise((r) => setTimeout(r, 500));
      }

      // The database npm start serves: exactly one ballot per participation, each acknowledged one there.
      const clusterPort = runningPort(path.join(dataDir, "postgres"));
      const password = encodeURIComponent(readFileSync(path.join(dataDir, "postgres-password"), "utf8").trim());
      const restoredUrl = `postgresql://postgres:${password}@127.0.0.1:${clusterPort}/minsheng`;
      const held = await stored(restoredUrl, poll.pollId);
      expect(held.ballots).toBe(inSnapshot);
      expect(held.trackers.size).toBe(held.ballots);
      expect(held.participations.size).toBe(held.ballots);
      expect(held.choices).toBe(held.ballots * poll.pollCandidateIds.length);
      for (const i of before) {
        expect(held.trackers.has(subs[i]!.expectedTracker), `delegate ${i}: acknowledged before the backup`).toBe(true);
        expect(held.participations.has(subs[i]!.voter.delegateId)).toBe(true);
      }
      // Committed after the snapshot was taken, while its transaction read: not in it, neither half.
      for (const i of whileOpen) {
        expect(held.trackers.has(subs[i]!.expectedTracker)).toBe(false);
        expect(held.participations.has(subs[i]!.voter.delegateId)).toBe(false);
      }

      // Through the restored app: a phone that resends gets its receipt back as a replay, not a second ballot;
      // a phone whose ballot came after the snapshot may vote again, once.
      for (const i of before.slice(0, 10)) {
        expect(await cast(url, subs[i]!)).toEqual({ kind: "receipt", tracker: subs[i]!.expectedTracker, replay: true });
      }
      const late = subs[[...whileOpen][0]!]!;
      expect(await cast(url, late)).toEqual({ kind: "receipt", tracker: late.expectedTracker, replay: false });
      expect(await cast(url, late)).toEqual({ kind: "receipt", tracker: late.expectedTracker, replay: true });
      expect((await stored(restoredUrl, poll.pollId)).ballots).toBe(inSnapshot + 1);
    },
  );
});
