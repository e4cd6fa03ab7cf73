/**
 * The schema's version is the list of applied migrations, as Prisma's runner records it in
 * `_prisma_migrations`: the folder names under prisma/migrations, applied in name order, each
 * with the SHA-256 of its migration.sql. `npm start` applies what is pending; a snapshot
 * records the list it was taken at, and `npm run restore` rebuilds exactly that list before
 * loading the rows, then migrates forward.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type pg from "pg";
import { withClient } from "./pg-client";

const root = path.resolve(import.meta.dirname, "../..");
export const migrationsDir = path.join(root, "prisma/migrations");

export interface Migration {
  name: string;
  /** SHA-256 (hex) of the migration's SQL file: what Prisma stores as its checksum. */
  checksum: string;
}

/** The migrations this version of the app carries, in the order Prisma applies them. */
export function repoMigrations(): Migration[] {
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => ({
      name,
      checksum: createHash("sha256")
        .update(readFileSync(path.join(migrationsDir, name, "migration.sql")))
        .digest("hex"),
    }));
}

/** What a database has applied, in order; null when Prisma's table is missing (a database never migrated). */
export async function appliedMigrations(client: pg.ClientBase): Promise<Migration[] | null> {
  const { rows: exists } = await client.query<{ table: string | null }>(`SELECT to_regclass('_prisma_migrations')::text AS "table"`);
  if (!exists[0]?.table) return null;
  const { rows } = await client.query<Migration>(
    `SELECT migration_name AS name, checksum FROM _prisma_migrations
      WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
  );
  return rows;
}

/** Whether `prisma migrate deploy` has anything to do on this database. */
export async function migrationsPending(url: string): Promise<boolean> {
  const applied = new Set((await withClient(url, appliedMigrations))?.map((m) => m.name));
  return repoMigrations().some((m) => !applied.has(m.name));
}

/**
 * `prisma migrate deploy` (Prisma's own runner and bookkeeping). `upTo`: apply only the
 * migrations up to and including that one (run from a folder holding just those).
 * `quiet`: keep Prisma's output, and show it only if it fails.
 */
export async function migrateDeploy(url: string, opts: { upTo?: string; quiet?: boolean } = {}): Promise<void> {
  let folder: string | undefined;
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url };
  if (opts.upTo) {
    const names = repoMigrations().map((m) => m.name);
    const last = names.indexOf(opts.upTo);
    if (last === -1) throw new Error(`this version of the app has no migration ${opts.upTo}`);
    folder = mkdtempSync(path.join(tmpdir(), "minsheng-migrations."));
    for (const name of names.slice(0, last + 1)) cpSync(path.join(migrationsDir, name), path.join(folder, name), { recursive: true });
    cpSync(path.join(migrationsDir, "migration_lock.toml"), path.join(folder, "migration_lock.toml"));
    env.MINSHENG_MIGRATIONS_PATH = folder;
  }
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn("npx", ["prisma", "migrate", "deploy"], { cwd: root, env, stdio: opts.quiet ? "pipe" : "inherit" });
      let output = "";
      child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
      child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
      child.on("error", reject);
      child.on("exit", (code) =>
        code === 0 ? resolve() : reject(new Error(`prisma migrate deploy exited with ${code}${output ? `:\n${output}` : ""}`)),
      );
    });
  } finally {
    if (folder) rmSync(folder, { recursive: true, force: true });
  }
}
