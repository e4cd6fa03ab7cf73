/**
 * Where the embedded PostgreSQL may keep its data. As root it runs as the `postgres` user,
 * which must reach the data folder: a folder behind a parent closed to other users (a clone
 * under /root) is refused with a message that says what to do, before initdb fails
 * obscurely. As an ordinary user any folder of one's own will do.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it, vi } from "vitest";
import { EmbeddedPostgresError, prepareDataFolder } from "../../scripts/lib/embedded-postgres";

const isRoot = process.getuid?.() === 0;
const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempFolder(mode: number): string {
  const dir = mkdtempSync(path.join(tmpdir(), "minsheng-unit-"));
  chmodSync(dir, mode);
  made.push(dir);
  return dir;
}

describe("the embedded cluster's data folder", () => {
  it("is made private to the user PostgreSQL runs as", () => {
    const dataDir = path.join(tempFolder(0o755), "data", "postgres");
    prepareDataFolder(dataDir);
    const stat = statSync(dataDir);
    expect(stat.mode & 0o777).toBe(0o700);
    if (isRoot) expect(stat.uid).not.toBe(0);
    else expect(stat.uid).toBe(process.getuid!());
  });

  it.runIf(isRoot)("is refused, saying what to do, when PostgreSQL's user cannot reach it", () => {
    const closed = tempFolder(0o700); // like /root
    expect(() => prepareDataFolder(path.join(closed, ".data", "postgres"))).toThrow(EmbeddedPostgresError);
    expect(() => prepareDataFolder(path.join(closed, ".data", "postgres"))).toThrow(/DATA_DIR/);
  });
});

describe("the embedded cluster's superuser (issue 13 item 7)", () => {
  it("needs the password generated into DATA_DIR, even on loopback; the file is its owner's only", async () => {
    const dataDir = path.join(tempFolder(0o755), "data");
    vi.resetModules();
    vi.stubEnv("DATA_DIR", dataDir);
    vi.stubEnv("DATABASE_URL", undefined);
    try {
      const { openAppDatabase } = await import("../../scripts/lib/app-database");
      const database = await openAppDatabase("serve");
      try {
        const port = Number(new URL(database.url).port);
        const connect = async (password?: string) => {
          const client = new pg.Client({ host: "127.0.0.1", port, user: "postgres", password, database: "postgres" });
          try {
            await client.connect();
            return (await client.query<{ one: number }>("SELECT 1 AS one")).rows[0]!.one;
          } finally {
            await client.end().catch(() => undefined);
          }
        };
        await expect(connect("not-the-password")).rejects.toThrow(/password authentication failed/);
        await expect(connect("")).rejects.toThrow();
        const password = readFileSync(path.join(dataDir, "postgres-password"), "utf8").trim();
        expect(password).toMatch(/^[A-Za-z0-9_-]{43}$/);
        expect(statSync(path.join(dataDir, "postgres-password")).mode & 0o777).toBe(0o600);
        expect(await connect(password)).toBe(1);
        expect(decodeURIComponent(new URL(database.url).password)).toBe(password);
      } finally {
        database.stop?.();
      }
    } finally {
      vi.unstubAllEnvs();
    }
  }, 60_000);
});
