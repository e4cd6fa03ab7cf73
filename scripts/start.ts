/**
 * `npm start`: the demo in one command.
 *
 * Without DATABASE_URL it runs the embedded default database — PGlite (PostgreSQL in
 * WebAssembly, data in .data/pglite) behind its socket server on loopback — so the app
 * keeps its one production path (@prisma/adapter-pg, `prisma migrate deploy`); only
 * DATABASE_URL differs. With DATABASE_URL set it uses that PostgreSQL instead.
 * Then: apply migrations, load the demo if the database is empty, build if needed,
 * serve on PORT (default 3000).
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { createDbClient } from "../server/db-client";
import { seedDemo } from "../prisma/seed";
import { cardCode, DEMO_DELEGATE_PIN, DEMO_STAFF_PASSWORD, SCRUTINEER_INDEXES } from "../prisma/seed-data";

const root = path.resolve(import.meta.dirname, "..");
const dataDir = path.resolve(root, process.env.DATA_DIR ?? ".data");
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";

function log(message: string) {
  console.log(`[start] ${message}`);
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  // Asynchronous on purpose: the embedded database is served by this process's event
  // loop, so a synchronous child would deadlock waiting for it.
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: "inherit" });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited with ${code}`))));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port: p } = server.address() as net.AddressInfo;
      server.close(() => resolve(p));
    });
  });
}

async function startEmbeddedDatabase(): Promise<{ url: string; stop: () => Promise<void> }> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { PGLiteSocketServer } = await import("@electric-sql/pglite-socket");
  const dir = path.join(dataDir, "pglite");
  mkdirSync(dir, { recursive: true });
  log(`embedded database in ${path.relative(root, dir)} (first start takes a few seconds)`);
  const pg = await PGlite.create(dir);
  const dbPort = Number(process.env.PGLITE_PORT ?? (await freePort()));
  // The app's pool (20) + migrations + seed need several connections at once.
  const server = new PGLiteSocketServer({ db: pg, host: "127.0.0.1", port: dbPort, maxConnections: 32 });
  await server.start();
  return {
    url: `postgresql://postgres@127.0.0.1:${dbPort}/postgres`,
    stop: async () => {
      await server.stop();
      await pg.close();
    },
  };
}

/** The secret that signs session cookies: from the environment, else one generated once and kept in .data. */
function sessionSecret(): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  const file = path.join(dataDir, "nextauth-secret");
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

async function migrationsPending(url: string): Promise<boolean> {
  const folders = readdirSync(path.join(root, "prisma/migrations"), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
  const db = createDbClient(url, 2);
  try {
    const rows = await db.$queryRawUnsafe<{ migration_name: string }[]>(
      `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const applied = new Set(rows.map((r) => r.migration_name));
    return folders.some((f) => !applied.has(f));
  } catch {
    return true; // no _prisma_migrations yet
  } finally {
    await db.$disconnect();
  }
}

async function main() {
  const embedded = process.env.DATABASE_URL ? null : await startEmbeddedDatabase();
  const databaseUrl = process.env.DATABASE_URL ?? embedded!.url;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: sessionSecret(),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production",
  };

  // Skipping the CLI when every migration is applied saves ~3 s on each warm start.
  if (await migrationsPending(databaseUrl)) {
    log("applying database migrations");
    await run("npx", ["prisma", "migrate", "deploy"], env);
  }

  const db = createDbClient(databaseUrl, 4);
  if (process.env.DEMO_DATA !== "0" && (await db.congress.count()) === 0) {
    const r = await seedDemo(db);
    log(`demo data loaded: ${r.delegates} delegates, ${r.candidates} candidate projects`);
  }
  await db.$disconnect();

  if (!existsSync(path.join(root, ".next/BUILD_ID"))) {
    log("building the app (about a minute, once)");
    await run("npx", ["next", "build"], env);
  }

  // scripts/serve-next.cjs: `next start` with a deep listen backlog, glibc memory settings
  // that return scrypt's buffers, and WEB_CONCURRENCY workers (default 1) on the one port.
  const { MEMORY_ENV } = createRequire(import.meta.url)("./serve-next.cjs") as { MEMORY_ENV: Record<string, string> };
  const app = spawn(process.execPath, [path.join(root, "scripts/serve-next.cjs"), "start", "-p", String(port), "-H", host], {
    cwd: root,
    env: { ...MEMORY_ENV, ...env },
    stdio: "inherit",
  });
  const stop = async (code: number) => {
    app.kill("SIGTERM");
    await embedded?.stop().catch(() => undefined);
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  // next start exits 143 on SIGTERM: a normal stop.
  app.on("exit", (code) => void stop(code === 143 || code === null ? 0 : code));

  const base = `http://localhost:${port}`;
  log(`open ${base}`);
  log(
    `delegate sign-in: card code ${cardCode(0)} … ${cardCode(279)}, PIN ${DEMO_DELEGATE_PIN}  (scrutineers: ${SCRUTINEER_INDEXES.map(cardCode).join(", ")})`,
  );
  log(`staff sign-in: mishu (secretariat), jipiao1 / jipiao2 (tally clerks), admin, dept-zhujian … — password ${DEMO_STAFF_PASSWORD}`);
}

main().catch((e: unknown) => {
  console.error(`[start] failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
