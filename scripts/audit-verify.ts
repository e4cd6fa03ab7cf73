/**
 * `npm run audit:verify`: checks every link of the hash-chained audit log.
 *
 *   npm run audit:verify                                     the app's database: DATABASE_URL, or the
 *                                                            embedded default in DATA_DIR (running or not)
 *   npm run audit:verify -- audit-log.jsonl [record.json …]  a filed chain (会议档案), no database needed;
 *                                                            each ballot record given must be anchored in it
 *
 * Exit 0 when the chain verifies (and every record is anchored); 1 naming the first broken
 * entry or the record that is not anchored; 2 when it cannot run.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseBallotRecord } from "../server/domain/ballot-record";
import { parseAuditLines, verifyChain } from "../server/domain/audit-chain";
import { createDbClient } from "../server/db-client";
import { verifyAuditLog } from "../server/services/audit";
import { openAppDatabase } from "./lib/app-database";

class CannotRun extends Error {}

function report(check: ReturnType<typeof verifyChain>): number {
  if (check.ok) {
    console.log(`Audit chain verified: ${check.count} entries, head ${check.head}`);
    return 0;
  }
  console.error(`Audit chain BROKEN at entry seq ${check.brokenSeq}: ${check.reason} (${check.count} entries before it verified)`);
  return 1;
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (e) {
    throw new CannotRun(`cannot read ${file}: ${(e as Error).message}`);
  }
}

/** A filed chain: recomputed from the file alone, then each record's auditHead looked up in it. */
async function verifyFiles(chainFile: string, records: string[]): Promise<number> {
  const parsed = parseAuditLines(await readText(chainFile));
  if (!parsed.ok) throw new CannotRun(`${chainFile}, line ${parsed.line}, is not an audit log entry: ${parsed.error}`);
  const check = verifyChain(parsed.rows);
  const code = report(check);
  if (code !== 0) return code;
  const seqOf = new Map(parsed.rows.map((r) => [r.hash, r.seq]));
  let unanchored = 0;
  for (const file of records) {
    let json: unknown;
    try {
      json = JSON.parse((await readText(file)).replace(/^\uFEFF/, ""));
    } catch (e) {
      if (e instanceof CannotRun) throw e;
      throw new CannotRun(`${file} is not valid JSON: ${(e as Error).message}`);
    }
    const record = parseBallotRecord(json);
    if (!record.ok) throw new CannotRun(`${file} is not a valid ballot record: ${record.error}`);
    const seq = seqOf.get(record.record.auditHead);
    if (seq === undefined) {
      console.error(`${path.basename(file)}: its auditHead ${record.record.auditHead} is NOT an entry of this chain`);
      unanchored++;
    } else {
      console.log(`${path.basename(file)}: anchored at entry seq ${seq} (its auditHead)`);
    }
  }
  return unanchored > 0 ? 1 : 0;
}

async function verifyDatabase(): Promise<number> {
  let database;
  try {
    database = await openAppDatabase("command");
  } catch (e) {
    throw new CannotRun(e instanceof Error ? e.message : String(e));
  }
  const db = createDbClient(database.url, 2);
  try {
    return report(await verifyAuditLog(db));
  } finally {
    await db.$disconnect();
    database.stop?.();
  }
}

const files = process.argv.slice(2).filter((a) => a !== "--");
// npm runs scripts from the project folder; relative paths mean where the command was typed.
const resolved = files.map((f) => path.resolve(process.env.INIT_CWD ?? process.cwd(), f));
try {
  process.exitCode = resolved.length > 0 ? await verifyFiles(resolved[0]!, resolved.slice(1)) : await verifyDatabase();
} catch (e) {
  console.error(`Cannot verify the audit chain: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 2;
}
