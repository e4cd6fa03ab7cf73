/**
 * The app's database, as every command finds it: DATABASE_URL when it is set, otherwise the
 * embedded default — a real PostgreSQL cluster in DATA_DIR/postgres (scripts/lib/
 * embedded-postgres.ts), made on first use, on a free loopback port, with a password
 * generated once into DATA_DIR/postgres-password. DATA_DIR defaults to .data, or to
 * .data-followup with DEMO_STAGE=followup. `npm start` serves on it; commands such
 * as `npm run audit:verify` use the running one, or start it for their own run when the
 * app is stopped.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { EmbeddedPostgresError, freePort, initCluster, isInitialised, runningPort, startCluster, stopCluster } from "./embedded-postgres";
import { withClient } from "./pg-client";

export const root = path.resolve(import.meta.dirname, "../..");
/** Each demo stage has a data folder of its own by default, so switching stage never mixes or loses one (scripts/start.ts). */
export const dataDir = path.resolve(root, process.env.DATA_DIR ?? (process.env.DEMO_STAGE === "followup" ? ".data-followup" : ".data"));
export const clusterDir = path.join(dataDir, "postgres");
const DATABASE = "minsheng";

export interface AppDatabase {
  url: string;
  /** Set when this process started the embedded cluster: stops it (idempotent, synchronous). */
  stop: (() => void) | null;
}

/** A secret generated once and kept in DATA_DIR, readable only by its owner. */
export function dataDirSecret(name: string): string {
  const file = path.join(dataDir, name);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

/** The app's database on an embedded cluster listening on `port` (the password is DATA_DIR's). */
export function embeddedUrl(port: number): string {
  return `postgresql://postgres:${encodeURIComponent(dataDirSecret("postgres-password"))}@127.0.0.1:${port}/${DATABASE}`;
}

/**
 * serve: `npm start` — refuses a cluster another start is serving, makes the cluster when
 * there is none. command: any other command — uses the running cluster, or starts an
 * existing one for the command's duration; never makes one.
 */
export async function openAppDatabase(mode: "serve" | "command", settings: string[] = []): Promise<AppDatabase> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: null };

  const running = runningPort(clusterDir);
  if (running !== null && mode === "command") return { url: embeddedUrl(running), stop: null };
  if (!isInitialised(clusterDir)) {
    if (mode === "command") {
      throw new EmbeddedPostgresError(`There is no database in ${clusterDir} yet: run 'npm start' once first, or set DATABASE_URL.`);
    }
    initCluster(clusterDir, { password: dataDirSecret("postgres-password") });
  }
  const port = await freePort();
  startCluster(clusterDir, { port, logFile: path.join(dataDir, "postgres.log"), settings });
  let stopped = false;
  const stop = () => {
    if (!stopped) stopCluster(clusterDir);
    stopped = true;
  };
  try {
    await ensureDatabase(port);
  } catch (error) {
    stop();
    throw error;
  }
  return { url: embeddedUrl(port), stop };
}

/** Makes the app's database on a freshly started embedded cluster. */
export async function ensureDatabase(port: number) {
  await withClient(embeddedUrl(port).replace(/\/minsheng$/, "/postgres"), async (client) => {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE]);
    if (!rowCount) await client.query(`CREATE DATABASE ${DATABASE}`);
  });
}
