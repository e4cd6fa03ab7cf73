/**
 * Issue 18: `npm run backup` and `npm run restore`, run as commands against real databases.
 *
 * - A snapshot restores into an empty database exactly: every row, the audit chain (what
 *   `npm run audit:verify` says), each published poll's ballot record (and `npm run recount`
 *   agrees), sequences that continue, and the app's triggers guarding again afterwards.
 * - Damaged, truncated, edited and foreign files are refused with nothing changed; so is a
 *   file whole by its checksum whose rows fail to load (nothing half-restored).
 * - Existing data is refused unless --replace, and then kept aside.
 * - The embedded default (DATA_DIR) is backed up and restored as DATABASE_URL is.
 * - An older snapshot is migrated forward; a newer one is refused.
 * - A poll open at snapshot time is in it only sealed, and counts after a restore only under
 *   the same BALLOT_SEAL_KEY, which the snapshot never holds.
 * - The snapshot's rows are in primary-key order, never in the order they were written.
 */
import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDbClient } from "~/server/db-client";
import type { StaffActor } from "~/server/auth/actor";
import { appendAudit } from "~/server/services/audit";
import { forgetBoxKey } from "~/server/services/ballot-box";
import { closePoll } from "~/server/services/close-poll";
import { getBallotRecord } from "~/server/services/poll-result";
import { runningPort } from "~/scripts/lib/embedded-postgres";
import { migrateDeploy, repoMigrations } from "~/scripts/lib/migrations";
import { withClient } from "~/scripts/lib/pg-client";
import { openSnapshot, readTables } from "~/scripts/lib/snapshot-file";
import { allChoices, approvedSession, callerFor, checkInMany, codeOf, createSessionFixture, db, newKey, openPollFixture } from "./fixtures";

const root = path.resolve(import.meta.dirname, "../..");
const adminUrl = process.env.TEST_DATABASE_ADMIN_URL!;
const sourceUrl = process.env.DATABASE_URL!;
const SLOW = { timeout: 300_000 };

let dir: string;
let snapshotFile: string;
let publishedPollId: string;
/** The poll left open at snapshot time, the receipts its phones were shown, and who may close it. */
let openPoll: { id: string; receipts: string[]; secretariat: StaffActor };
const made: string[] = [];

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** An npm command as an operator types it; `env` replaces DATABASE_URL (undefined: the embedded default in DATA_DIR). */
function npm(script: string, args: string[], env: { DATABASE_URL?: string; DATA_DIR?: string }): Promise<Run> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  return new Promise((resolve) => {
    execFile(
      "npm",
      ["run", "-s", script, "--", ...args],
      { cwd: root, env: childEnv, encoding: "utf8", timeout: 280_000 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr }),
    );
  });
}

/** A new, empty database (nothing migrated), dropped after the file. */
async function emptyDatabase(): Promise<string> {
  const name = `r_${randomBytes(6).toString("hex")}`;
  await withClient(adminUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  made.push(name);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Every row of every table in `schema` (Prisma's bookkeeping aside), as JSON text, sorted: what must survive a round trip. */
async function contents(url: string, schema = "public"): Promise<Record<string, string[]>> {
  return withClient(url, async (c) => {
    const { rows: tables } = await c.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'`,
      [schema],
    );
    const all: Record<string, string[]> = {};
    for (const { name } of tables) {
      const { rows } = await c.query<{ row: string }>(`SELECT row_to_json(t)::text AS row FROM "${schema}"."${name}" t`);
      all[name] = rows.map((r) => r.row).sort();
    }
    return all;
  });
}

/** Schemas and their tables: what "nothing changed" compares. */
async function shape(url: string): Promise<string[]> {
  return withClient(url, async (c) =>
    (
      await c.query<{ s: string }>(
        `SELECT n.nspname || '.' || coalesce(c.relname, '') AS s FROM pg_namespace n LEFT JOIN pg_class c ON c.relnamespace = n.oid AND c.relkind = 'r'
          WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema' ORDER BY 1`,
      )
    ).rows.map((r) => r.s),
  );
}

/**
 * The snapshot with one more Delegate row in its header than its body holds, and its checksum
 * recomputed: whole by every check made before loading, so only the load can find it wrong.
 */
function unfitSnapshot(file: Buffer): Buffer {
  const ends: number[] = [];
  for (let i = file.indexOf(10); ends.length < 3; i = file.indexOf(10, i + 1)) ends.push(i + 1);
  const header = JSON.parse(file.subarray(ends[1], ends[2]! - 1).toString("utf8")) as { tables: { name: string; rows: number }[] };
  header.tables.find((t) => t.name === "Delegate")!.rows += 1;
  const rest = Buffer.concat([Buffer.from(JSON.stringify(header) + "\n"), file.subarray(ends[2])]);
  return Buffer.concat([Buffer.from(`minsheng-snapshot/1\nsha256 ${createHash("sha256").update(rest).digest("hex")}\n`), rest]);
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "minsheng-backup-test."));
  chmodSync(dir, 0o755); // the embedded cluster's owner (postgres, when run as root) must reach DATA_DIR inside it
  // A published poll, and a second session with a poll still open and ballots in it.
  publishedPollId = (await approvedSession()).pollId;
  const f = await createSessionFixture({ delegates: 8, candidates: 2 });
  await checkInMany(f, 8);
  const poll = await openPollFixture(f);
  openPoll = { id: poll.id, receipts: [], secretariat: f.actors.secretariat };
  for (let i = 0; i < 6; i++) {
    const { tracker } = await callerFor(await f.delegate(i)).delegate.cast({
      pollId: poll.id,
      choices: allChoices(poll.pollCandidates, (["FOR", "AGAINST", "ABSTAIN"] as const)[i % 3]),
      idempotencyKey: newKey(),
    });
    openPoll.receipts.push(tracker);
  }
  const backup = await npm("backup", [path.join(dir, "source.snapshot")], { DATABASE_URL: sourceUrl });
  expect(backup.stderr).toBe("");
  expect(backup.code).toBe(0);
  snapshotFile = path.join(dir, "source.snapshot");
}, SLOW.timeout);

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await withClient(adminUrl, async (c) => {
    for (const name of made) await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
});

describe("npm run backup / npm run restore", () => {
  it(
    "restores into an empty database exactly: rows, audit chain, ballot records, sequences, and the triggers guard again",
    SLOW,
    async () => {
      const target = await emptyDatabase();
      const restore = await npm("restore", [snapshotFile], { DATABASE_URL: target });
      expect(restore.stderr).toBe("");
      expect(restore.code).toBe(0);
      expect(restore.stdout).toContain("(as at snapshot time)");

      expect(await contents(target)).toEqual(await contents(sourceUrl));
      const [before, after] = await Promise.all([
        npm("audit:verify", [], { DATABASE_URL: sourceUrl }),
        npm("audit:verify", [], { DATABASE_URL: target }),
      ]);
      expect(after.code).toBe(0);
      expect(after.stdout).toBe(before.stdout);

      const restored = createDbClient(target, 2);
      try {
        const record = await getBallotRecord(restored, publishedPollId);
        expect(record).toEqual(await getBallotRecord(db, publishedPollId));
        const file = path.join(dir, "record.json");
        writeFileSync(file, JSON.stringify(record));
        const recount = await npm("recount", [file], {});
        expect(recount.code).toBe(0);

        // The audit log's sequence continues after the restored entries.
        const seqBefore = (await restored.auditLog.aggregate({ _max: { seq: true } }))._max.seq!;
        await restored.$transaction((tx) => appendAudit(tx, { kind: "system" }, { action: "test.afterRestore", entityType: "Test" }));
        expect((await restored.auditLog.aggregate({ _max: { seq: true } }))._max.seq!).toBeGreaterThan(seqBefore);

        // The triggers were off only inside the load: they guard the restored data again.
        const refusal = (sql: string, ...values: unknown[]) =>
          restored.$executeRawUnsafe(sql, ...values).then(
            () => "accepted",
            (e: Error) => e.message,
          );
        expect(await refusal(`UPDATE "AuditLog" SET "action" = 'edited'`)).toContain("AUDIT_LOG_APPEND_ONLY");
        expect(await refusal(`UPDATE "Poll" SET "result" = '{}' WHERE "id" = $1`, publishedPollId)).toContain("POLL_FROZEN");
        const outsider = await restored.delegate.findFirstOrThrow({ where: { participations: { none: { pollId: publishedPollId } } } });
        expect(
          await refusal(
            `INSERT INTO "Participation" ("pollId", "delegateId", "keyHash") VALUES ($1, $2, 'x')`,
            publishedPollId,
            outsider.id,
          ),
        ).toContain("POLL_NOT_OPEN");
      } finally {
        await restored.$disconnect();
      }
    },
  );

  it("refuses damaged, truncated, edited and foreign files, changing nothing", SLOW, async () => {
    const target = await emptyDatabase();
    const shapeBefore = await shape(target);
    const size = readFileSync(snapshotFile).length;
    const variant = (name: string, change: (file: string) => void) => {
      const file = path.join(dir, name);
      copyFileSync(snapshotFile, file);
      change(file);
      return file;
    };
    const flipped = variant("flipped.snapshot", (file) => {
      const bytes = readFileSync(file);
      bytes.writeUInt8(bytes.readUInt8(size - 40) ^ 0x01, size - 40);
      writeFileSync(file, bytes);
    });
    const truncated = variant("truncated.snapshot", (file) => truncateSync(file, size - 100));
    const cutInHeader = variant("cut-in-header.snapshot", (file) => truncateSync(file, 120));
    const edited = variant("edited.snapshot", (file) => {
      // A header that claims another audit head: the checksum no longer matches.
      const text = readFileSync(file, "latin1");
      writeFileSync(file, text.replace(/"head":"[0-9a-f]{64}"/, `"head":"${"a".repeat(64)}"`), "latin1");
    });
    const json = path.join(root, "tests/fixtures/ballot-record-sample.json");
    const empty = variant("empty.snapshot", (file) => writeFileSync(file, ""));
    const newer = variant("newer.snapshot", (file) =>
      writeFileSync(file, readFileSync(file, "latin1").replace("minsheng-snapshot/1", "minsheng-snapshot/2"), "latin1"),
    );

    const cases: [string, RegExp][] = [
      [flipped, /damaged or truncated/],
      [truncated, /damaged or truncated/],
      [cutInHeader, /damaged or truncated/],
      [edited, /damaged or truncated/],
      [json, /not a snapshot made by 'npm run backup'/],
      [empty, /not a snapshot made by 'npm run backup'/],
      [newer, /newer version of the app/],
    ];
    // What the command checks first, before it touches anything.
    for (const [file, message] of cases) await expect(openSnapshot(file), path.basename(file)).rejects.toThrow(message);

    // The command itself: refused, exit 1, and the database and the data folder as they were.
    const dataDir = path.join(dir, "refused-data");
    const [intoDatabase, intoDataDir, checkOnly, checkGood] = await Promise.all([
      npm("restore", [flipped], { DATABASE_URL: target }),
      npm("restore", [truncated], { DATA_DIR: dataDir }),
      npm("restore", ["--check", json], { DATA_DIR: dataDir }),
      npm("restore", ["--check", snapshotFile], { DATA_DIR: dataDir }),
    ]);
    for (const run of [intoDatabase, intoDataDir, checkOnly]) {
      expect(run.code, run.stdout + run.stderr).toBe(1);
      expect(run.stderr).toMatch(/^Restore refused: .*(damaged or truncated|not a snapshot)/);
    }
    expect(await shape(target)).toEqual(shapeBefore);
    expect(existsSync(dataDir)).toBe(false);
    expect(checkGood.code).toBe(0);
    expect(checkGood.stdout).toContain("This version of the app can restore it.");
  });

  it("refuses a database holding data unless --replace, which keeps the old data aside", SLOW, async () => {
    const target = await emptyDatabase();
    expect((await npm("restore", [snapshotFile], { DATABASE_URL: target })).code).toBe(0);
    // Data only this target has: it must survive the replacing restore, aside.
    await withClient(target, (c) =>
      c.query(`INSERT INTO "Congress" ("id", "name", "level") VALUES ('kept-aside', '只在旧库中', 'TOWNSHIP')`),
    );
    const before = await contents(target);

    const refused = await npm("restore", [snapshotFile], { DATABASE_URL: target });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/already holds data .*--replace/);
    expect(await contents(target)).toEqual(before);

    // Nor while the app (here: this test's connection) is connected to it.
    const app = new pg.Client({ connectionString: target });
    await app.connect();
    const busy = await npm("restore", ["--replace", snapshotFile], { DATABASE_URL: target });
    await app.end();
    expect(busy.code).toBe(1);
    expect(busy.stderr).toMatch(/other session\(s\) are connected/);

    const replaced = await npm("restore", ["--replace", snapshotFile], { DATABASE_URL: target });
    expect(replaced.code).toBe(0);
    const aside = /kept in the schema (public_before_restore_\w+)/.exec(replaced.stdout)?.[1];
    expect(aside).toBeDefined();
    expect(await contents(target)).toEqual(await contents(sourceUrl));
    expect(await contents(target, aside)).toEqual(before);

    // A file that fails while loading, even with --replace: every schema and row as it was.
    const unfit = path.join(dir, "unfit-db.snapshot");
    writeFileSync(unfit, unfitSnapshot(readFileSync(snapshotFile)));
    const [shapeBefore, live] = [await shape(target), await contents(target)];
    const failed = await npm("restore", ["--replace", unfit], { DATABASE_URL: target });
    expect(failed.code, failed.stdout + failed.stderr).toBe(1);
    expect(failed.stderr).toMatch(/table Delegate holds \d+ rows, its header says \d+/);
    expect(await shape(target)).toEqual(shapeBefore);
    expect(await contents(target)).toEqual(live);
  });

  it(
    "restores into an empty data folder (the embedded default); over it only with --replace, the old cluster kept beside it",
    SLOW,
    async () => {
      const { header } = await openSnapshot(snapshotFile);
      const dataDir = path.join(dir, "data");
      const first = await npm("restore", [snapshotFile], { DATA_DIR: dataDir });
      expect(first.stderr).toBe("");
      expect(first.code).toBe(0);
      const verify = await npm("audit:verify", [], { DATA_DIR: dataDir });
      expect(verify.code).toBe(0);
      expect(verify.stdout).toContain(`${header.auditChain.entries} entries, head ${header.auditChain.head}`);

      const refused = await npm("restore", [snapshotFile], { DATA_DIR: dataDir });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/already holds a database .*--replace/);
      expect(readdirSync(dataDir).filter((f) => f.startsWith("postgres."))).toEqual(["postgres.log"]);

      const replaced = await npm("restore", ["--replace", snapshotFile], { DATA_DIR: dataDir });
      expect(replaced.code).toBe(0);
      expect(replaced.stdout).toContain("(as at snapshot time)");
      const kept = readdirSync(dataDir).filter((f) => f.startsWith("postgres.before-restore-"));
      expect(kept).toHaveLength(1);
      expect(existsSync(path.join(dataDir, kept[0]!, "PG_VERSION"))).toBe(true);

      // A file whole by its checksum whose rows do not fit its header fails while loading: the
      // restored cluster stays in place, nothing half-built is left beside it.
      const unfit = path.join(dir, "unfit.snapshot");
      writeFileSync(unfit, unfitSnapshot(readFileSync(snapshotFile)));
      const folderBefore = readdirSync(dataDir).sort();
      const failed = await npm("restore", ["--replace", unfit], { DATA_DIR: dataDir });
      expect(failed.code, failed.stdout + failed.stderr).toBe(1);
      expect(failed.stderr).toMatch(/table Delegate holds \d+ rows, its header says \d+/);
      expect(readdirSync(dataDir).sort()).toEqual(folderBefore);

      // The embedded default backs up too, also while stopped (started for the run, stopped after):
      // the same rows as the snapshot it was restored from.
      const again = path.join(dir, "from-data-dir.snapshot");
      const backup = await npm("backup", [again], { DATA_DIR: dataDir });
      expect(backup.stderr).toBe("");
      expect(backup.code).toBe(0);
      expect(runningPort(path.join(dataDir, "postgres"))).toBeNull();
      expect((await openSnapshot(again)).header.auditChain).toEqual(header.auditChain);
      const target = await emptyDatabase();
      expect((await npm("restore", [again], { DATA_DIR: dataDir, DATABASE_URL: target })).code).toBe(0);
      expect(await contents(target)).toEqual(await contents(sourceUrl));
    },
  );

  it("migrates an older snapshot forward, and refuses one from a newer version", SLOW, async () => {
    const repo = repoMigrations();
    const olderFile = path.join(dir, "older.snapshot");
    const newerFile = path.join(dir, "newer-schema.snapshot");
    const [older, target, newer, fresh] = await Promise.all([emptyDatabase(), emptyDatabase(), emptyDatabase(), emptyDatabase()]);
    await Promise.all([
      (async () => {
        // A database one migration behind this version, with a row in it.
        await migrateDeploy(older, { upTo: repo.at(-2)!.name, quiet: true });
        await withClient(older, (c) =>
          c.query(`INSERT INTO "Congress" ("id", "name", "level") VALUES ('old-one', '旧版本的人大', 'DISTRICT')`),
        );
        expect((await npm("backup", [olderFile], { DATABASE_URL: older })).code).toBe(0);
      })(),
      (async () => {
        // A database one migration ahead of this version.
        await migrateDeploy(newer, { quiet: true });
        await withClient(newer, (c) =>
          c.query(
            `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
             VALUES ('future', repeat('0', 64), now(), '29991231000000_from_the_future', now(), 1)`,
          ),
        );
        expect((await npm("backup", [newerFile], { DATABASE_URL: newer })).code).toBe(0);
      })(),
    ]);

    const [restore, refused] = await Promise.all([
      npm("restore", [olderFile], { DATABASE_URL: target }),
      npm("restore", [newerFile], { DATABASE_URL: fresh }),
    ]);
    expect(restore.stderr).toBe("");
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain(`migrates it forward after restoring: ${repo.at(-1)!.name}`);
    const applied = await withClient(target, async (c) =>
      (
        await c.query<{ name: string }>(`SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY 1`)
      ).rows.map((r) => r.name),
    );
    expect(applied).toEqual(repo.map((m) => m.name));
    expect((await contents(target)).Congress).toEqual((await contents(older)).Congress);

    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/newer version of the app .*29991231000000_from_the_future/);
    expect(await shape(fresh)).toEqual(["public."]);
  });

  it(
    "holds an open poll's ballots only sealed; restored, they are counted at the close with the same BALLOT_SEAL_KEY and with no other",
    SLOW,
    async () => {
      const snapshot = await openSnapshot(snapshotFile);
      expect(snapshot.header.open.polls).toBe(1);
      // Every byte of every table, as restored: no receipt a phone was shown, in any spelling.
      let text = "";
      await readTables(snapshot, async (_table, chunks) => {
        for await (const chunk of chunks) text += chunk.toString("latin1");
      });
      expect(text).toContain(openPoll.id);
      const spellings = (r: string) => [r, r.replaceAll("-", "")].flatMap((x) => [x.toUpperCase(), x.toLowerCase()]);
      expect(openPoll.receipts.filter((r) => spellings(r).some((x) => text.includes(x)))).toEqual([]);

      const target = await emptyDatabase();
      expect((await npm("restore", [snapshotFile], { DATABASE_URL: target })).code).toBe(0);
      const restored = createDbClient(target, 2);
      const rightKek = process.env.BALLOT_SEAL_KEY!;
      try {
        expect(await restored.ballot.count({ where: { pollId: openPoll.id } })).toBe(0);
        expect(await restored.sealedBallot.count({ where: { boxId: openPoll.id } })).toBe(6);

        // Another machine's key (a new DATA_DIR generated its own): the box stays shut, nothing is lost.
        process.env.BALLOT_SEAL_KEY = Buffer.alloc(32, 9).toString("base64url");
        forgetBoxKey(openPoll.id);
        expect(await codeOf(closePoll(restored, openPoll.secretariat, openPoll.id))).toBe("BALLOT_BOX_LOCKED");
        expect((await restored.poll.findUniqueOrThrow({ where: { id: openPoll.id } })).status).toBe("OPEN");
        expect(await restored.sealedBallot.count({ where: { boxId: openPoll.id } })).toBe(6);

        // The key kept apart from the snapshot: the close counts every ballot, each receipt once.
        process.env.BALLOT_SEAL_KEY = rightKek;
        expect(await closePoll(restored, openPoll.secretariat, openPoll.id)).toEqual({ status: "CLOSED" });
        const counted = await restored.ballot.findMany({ where: { pollId: openPoll.id }, select: { tracker: true } });
        expect(counted.map((b) => b.tracker).sort()).toEqual([...openPoll.receipts].sort());
        expect(await restored.sealedBallot.count({ where: { boxId: openPoll.id } })).toBe(0);
        const verify = await npm("audit:verify", [], { DATABASE_URL: target });
        expect(verify.code, verify.stdout + verify.stderr).toBe(0);
      } finally {
        process.env.BALLOT_SEAL_KEY = rightKek;
        await restored.$disconnect();
      }
    },
  );

  it("writes each table's rows in primary-key order, never in the order they were cast", async () => {
    const order: Record<string, string[]> = {};
    await readTables(await openSnapshot(snapshotFile), async (table, chunks) => {
      let text = "";
      for await (const chunk of chunks) text += chunk.toString("utf8");
      const columns = table.columns;
      // The open poll's ballots are sealed (SealedBallot), a closed poll's are counted (Ballot).
      const key =
        table.name === "Participation"
          ? ["pollId", "delegateId"]
          : table.name === "Ballot"
            ? ["id"]
            : table.name === "SealedBallot"
              ? ["boxId", "tag"]
              : null;
      if (!key) return;
      order[table.name] = text
        .split("\n")
        .filter(Boolean)
        .map((line) => key.map((k) => line.split("\t")[columns.indexOf(k)]).join("|"));
    });
    expect(order.Participation!.length).toBeGreaterThanOrEqual(10);
    expect(order.Participation!.length).toBe(order.Ballot!.length + order.SealedBallot!.length);
    for (const name of ["Ballot", "SealedBallot", "Participation"]) expect(order[name]).toEqual([...order[name]!].sort());
  });
});
