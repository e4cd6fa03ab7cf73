/**
 * The Prisma CLI runs offline on the project's own schema engine
 * (scripts/prisma-schema-engine.mjs, Prisma's WebAssembly engine behind the CLI's
 * protocol). scripts/test.sh already migrates, checks drift and generates through it; this
 * checks that what it records is what Prisma itself reads: `migrate status` on this file's
 * migrated database is up to date, and on an empty database lists every migration pending.
 */
import { execFile } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const migrations = readdirSync(path.join(root, "prisma/migrations"), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

async function migrateStatus(databaseUrl: string): Promise<{ code: number; out: string }> {
  // The project's engine even where a native one is configured: that is what is tested.
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    PRISMA_SCHEMA_ENGINE_BINARY: path.join(root, "scripts/prisma-schema-engine.mjs"),
  };
  try {
    const { stdout, stderr } = await promisify(execFile)(path.join(root, "node_modules/.bin/prisma"), ["migrate", "status"], {
      cwd: root,
      env,
    });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

const emptyName = `empty_${Date.now().toString(36)}`;
const adminUrl = process.env.TEST_DATABASE_ADMIN_URL!;
const emptyUrl = Object.assign(new URL(process.env.DATABASE_URL!), { pathname: `/${emptyName}` }).toString();

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

afterAll(() => admin(`DROP DATABASE IF EXISTS "${emptyName}" WITH (FORCE)`));

describe("the Prisma CLI on the project's own schema engine", () => {
  it("reads the migrations it applied as up to date", async () => {
    const status = await migrateStatus(process.env.DATABASE_URL!);
    expect(status.out).toContain("Database schema is up to date");
    expect(status.code).toBe(0);
  });

  it("lists every migration as pending on an empty database", async () => {
    await admin(`CREATE DATABASE "${emptyName}"`);
    const status = await migrateStatus(emptyUrl);
    expect(status.code).toBe(1);
    for (const name of migrations) expect(status.out).toContain(name);
  });
});
