/**
 * Where the embedded PostgreSQL may keep its data. As root it runs as the `postgres` user,
 * which must reach the data folder: a folder behind a parent closed to other users (a clone
 * under /root) is refused with a message that says what to do, before initdb fails
 * obscurely. As an ordinary user any folder of one's own will do.
 */
import { chmodSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
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
