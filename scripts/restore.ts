/**
 * npm run restore -- [--replace] <file>     brings a snapshot from `npm run backup` back
 * npm run restore -- --check <file>         only checks the file and says what it holds
 *
 * Into DATABASE_URL, or the embedded default in DATA_DIR. The file is checked whole first
 * (a damaged, truncated or foreign file, or one from a newer version of the app, is refused
 * before anything is touched). The restore is then built beside the live data — a new
 * cluster folder, or for DATABASE_URL a new schema in that database — at the snapshot's
 * schema version, loaded in one transaction (scripts/lib/snapshot.ts), migrated forward to
 * this version, and only then swapped in. A restore that fails leaves everything as it was.
 *
 * Existing data is never overwritten unasked: with rows in it, the target is refused unless
 * --replace is given, and even then the old data is kept aside (the cluster folder renamed
 * to postgres.before-restore-<time>, or the schema to public_before_restore_<time>).
 * The app must be stopped: a running embedded database, or other sessions on DATABASE_URL,
 * are refused.
 *
 * Exit 0: restored (or, with --check, the file is whole and restorable). 1: refused or
 * failed, nothing changed. 2: usage.
 */
import { existsSync, readdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { createDbClient } from "../server/db-client";
import { verifyAuditLog } from "../server/services/audit";
import { clusterDir, dataDir, dataDirSecret, embeddedUrl, ensureDatabase, openAppDatabase } from "./lib/app-database";
import { freePort, initCluster, isInitialised, runningPort, startCluster, stopCluster } from "./lib/embedded-postgres";
import { migrateDeploy, repoMigrations } from "./lib/migrations";
import { APP_SCHEMA, loadSnapshot, quoteIdent, schemaPlan, tablesWithRows } from "./lib/snapshot";
import { describeSnapshot, openSnapshot, SnapshotError, type Snapshot } from "./lib/snapshot-file";

const USAGE = "usage: npm run restore -- [--replace] <snapshot file>   |   npm run restore -- --check <snapshot file>";

/** A refusal: nothing has been changed, and the message says what to do. */
class Refused extends Error {}

type Plan = ReturnType<typeof schemaPlan>;

/** A time for the names of what is kept aside: sortable, and valid in a schema name. */
const stamp = new Date()
  .toISOString()
  .replace(/[-:]/g, "")
  .replace(/\.\d+Z$/, "z")
  .toLowerCase();

function withSchema(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set("schema", schema);
  return u.toString();
}

/** Builds the snapshot's schema version in `schema`, loads the rows, migrates forward. */
async function build(url: string, schema: string, snapshot: Snapshot, plan: Plan) {
  const target = withSchema(url, schema);
  await migrateDeploy(target, { upTo: plan.upTo ?? undefined, quiet: true });
  await loadSnapshot(target, schema, snapshot);
  if (plan.forward.length > 0) await migrateDeploy(target, { quiet: true });
}

/** What `npm run audit:verify` will say, said now. */
async function reportChain(url: string, snapshot: Snapshot) {
  const db = createDbClient(url, 2);
  try {
    const check = await verifyAuditLog(db);
    if (check.ok) {
      const same = check.head === snapshot.header.auditChain.head && check.count === snapshot.header.auditChain.entries;
      console.log(`Audit chain verified: ${check.count} entries, head ${check.head}${same ? " (as at snapshot time)" : ""}`);
    } else {
      console.log(
        `Audit chain BROKEN at entry seq ${check.brokenSeq}: ${check.reason}. The rows are restored exactly as the snapshot holds them, ` +
          `so it was broken in the database the snapshot was taken from.`,
      );
    }
  } finally {
    await db.$disconnect();
  }
}

async function otherSessions(client: pg.ClientBase): Promise<number> {
  const { rows } = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
  );
  return rows[0]!.n;
}

/** Refuses a target the app is using, or one holding data when --replace was not given. */
async function checkDatabaseTarget(client: pg.ClientBase, replace: boolean) {
  const others = await otherSessions(client);
  if (others > 0) {
    throw new Refused(
      `${others} other session(s) are connected to this database: stop every app server (and other clients) first, then restore.`,
    );
  }
  const filled = await tablesWithRows(client, APP_SCHEMA);
  if (filled.length > 0 && !replace) {
    throw new Refused(
      `The database already holds data (${filled.slice(0, 4).join(", ")}${filled.length > 4 ? ", …" : ""}). ` +
        `To replace it, run again with --replace: the data now in it is then kept in the schema ${APP_SCHEMA}_before_restore_${stamp}, not deleted.`,
    );
  }
}

/** DATABASE_URL: built in a new schema of the same database, which then takes the place of `public` in one transaction. */
async function restoreIntoDatabase(url: string, snapshot: Snapshot, plan: Plan, replace: boolean) {
  const building = `minsheng_restore_${stamp}`;
  const aside = `${APP_SCHEMA}_before_restore_${stamp}`;
  const client = new pg.Client({ connectionString: url, application_name: "minsheng-restore" });
  await client.connect();
  try {
    await checkDatabaseTarget(client, replace);
    await client.query(`CREATE SCHEMA ${quoteIdent(building)}`);
    try {
      await build(url, building, snapshot, plan);
    } catch (error) {
      // Only the restore's own unfinished copy, never live data.
      await client.query(`DROP SCHEMA ${quoteIdent(building)} CASCADE`);
      throw error;
    }
    let keptAside: string | null = null;
    try {
      await client.query("BEGIN");
      await checkDatabaseTarget(client, replace); // again, inside the swap: nothing may have arrived meanwhile
      const { rowCount } = await client.query(`SELECT 1 FROM pg_namespace WHERE nspname = $1`, [APP_SCHEMA]);
      if (rowCount) {
        await client.query("SAVEPOINT empty");
        try {
          // An empty schema (a new database's) has nothing to keep; anything in it refuses the drop.
          await client.query(`DROP SCHEMA ${quoteIdent(APP_SCHEMA)} RESTRICT`);
        } catch {
          await client.query("ROLLBACK TO SAVEPOINT empty");
          await client.query(`ALTER SCHEMA ${quoteIdent(APP_SCHEMA)} RENAME TO ${quoteIdent(aside)}`);
          keptAside = aside;
        }
      }
      await client.query(`ALTER SCHEMA ${quoteIdent(building)} RENAME TO ${quoteIdent(APP_SCHEMA)}`);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(building)} CASCADE`);
      throw error instanceof Refused
        ? error
        : new Error(`${(error as Error).message} (the role in DATABASE_URL must own the database to swap the restored schema in)`);
    }
    console.log(`Restored into the database at DATABASE_URL (schema ${APP_SCHEMA}).`);
    if (keptAside) console.log(`The data that was there is kept in the schema ${keptAside} (drop it yourself once you no longer need it).`);
  } finally {
    await client.end();
  }
  await reportChain(url, snapshot);
}

/** Data folders left by a restore that was killed: never live data. */
function removeUnfinishedRestores() {
  const prefix = `${path.basename(clusterDir)}.restoring-`;
  if (!existsSync(dataDir)) return;
  for (const entry of readdirSync(dataDir).filter((e) => e.startsWith(prefix))) {
    const folder = path.join(dataDir, entry);
    console.log(`Removing ${folder}, left by a restore that did not finish.`);
    stopCluster(folder);
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The embedded default: built as a new cluster beside DATA_DIR/postgres, which then takes its place. */
async function restoreIntoDataDir(snapshot: Snapshot, plan: Plan, replace: boolean) {
  if (runningPort(clusterDir) !== null) {
    throw new Refused(`The embedded database in ${clusterDir} is running ('npm start'?): stop the app, then restore.`);
  }
  const aside = `${clusterDir}.before-restore-${stamp}`;
  if (existsSync(clusterDir) && isInitialised(clusterDir)) {
    let filled: string[] | string;
    try {
      const database = await openAppDatabase("command");
      const client = new pg.Client({ connectionString: database.url });
      try {
        await client.connect();
        filled = await tablesWithRows(client, APP_SCHEMA);
      } finally {
        await client.end().catch(() => undefined);
        database.stop?.();
      }
    } catch (error) {
      filled = `it could not be started to look (${(error as Error).message.split("\n")[0]})`;
    }
    if ((typeof filled === "string" || filled.length > 0) && !replace) {
      throw new Refused(
        `${clusterDir} already holds a database (${typeof filled === "string" ? filled : `data in ${filled.slice(0, 4).join(", ")}${filled.length > 4 ? ", …" : ""}`}). ` +
          `To replace it, run again with --replace: it is then kept as ${aside}, not deleted.`,
      );
    }
  }
  removeUnfinishedRestores();
  const building = `${clusterDir}.restoring-${stamp}`;
  initCluster(building, { password: dataDirSecret("postgres-password") });
  try {
    const port = await freePort();
    startCluster(building, { port, logFile: path.join(dataDir, "postgres.log") });
    await ensureDatabase(port);
    await build(embeddedUrl(port), APP_SCHEMA, snapshot, plan);
    await reportChain(embeddedUrl(port), snapshot);
    stopCluster(building);
  } catch (error) {
    stopCluster(building);
    rmSync(building, { recursive: true, force: true });
    throw error;
  }
  const keptAside = existsSync(clusterDir) ? aside : null;
  if (keptAside) renameSync(clusterDir, keptAside);
  renameSync(building, clusterDir);
  console.log(`Restored into ${clusterDir}. Start the app with 'npm start'.`);
  if (keptAside) console.log(`The database that was there is kept as ${keptAside} (delete it yourself once you no longer need it).`);
}

async function main(args: string[]): Promise<number> {
  const flags = args.filter((a) => a.startsWith("--"));
  const files = args.filter((a) => !a.startsWith("--"));
  const unknown = flags.filter((f) => f !== "--replace" && f !== "--check");
  if (files.length !== 1 || unknown.length > 0 || (flags.includes("--check") && flags.includes("--replace"))) {
    console.error(`${unknown.length ? `unknown option ${unknown.join(" ")}\n` : ""}${USAGE}`);
    return 2;
  }
  const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), files[0]!);
  try {
    const snapshot = await openSnapshot(file);
    const plan = schemaPlan(snapshot, repoMigrations());
    console.log(`Snapshot ${file}: whole (its checksum matches)`);
    console.log(describeSnapshot(snapshot.header));
    if (plan.forward.length > 0) console.log(`  this version     migrates it forward after restoring: ${plan.forward.join(", ")}`);
    if (flags.includes("--check")) {
      console.log("This version of the app can restore it.");
      return 0;
    }
    if (process.env.DATABASE_URL) await restoreIntoDatabase(process.env.DATABASE_URL, snapshot, plan, flags.includes("--replace"));
    else await restoreIntoDataDir(snapshot, plan, flags.includes("--replace"));
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof SnapshotError || error instanceof Refused) console.error(`Restore refused: ${message}`);
    else console.error(`Restore failed, nothing was changed: ${message}`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2).filter((a) => a !== "--"));
