/**
 * `npm run audit:verify`: checks every link of the hash-chained audit log.
 *
 *   npm run audit:verify [-- --head <hash>]                  the app's database: DATABASE_URL, or the
 *                                                            embedded default in DATA_DIR (running or not)
 *   npm run audit:verify -- audit-log.jsonl [record.json …]  a filed chain (会议档案), no database needed;
 *                                                            each ballot record given must be anchored in it:
 *                                                            its auditHead the certification of its poll and result
 *
 * In the database the chain's tail is checked against what anchors it
 * (server/domain/audit-anchors.ts): every poll's ballots seal and every published auditHead
 * must be found in the chain, so a deleted tail or a truncated log is reported with the entry
 * that is missing. `--head` also checks a head copied from a printed 公告, in its short
 * ("3F2A 91C0 7B4E D215") or full form — in the database or in a filed chain.
 *
 * Exit 0 when everything holds; 1 naming the first broken entry, the anchor that does not
 * hold or the record that is not anchored; 2 when it cannot run.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { shortHash } from "../lib/format";
import { parseHead } from "../server/domain/audit-anchors";
import { parseBallotRecord } from "../server/domain/ballot-record";
import { resultHash } from "../server/domain/certification";
import { parseAuditLines, verifyChain } from "../server/domain/audit-chain";
import { createDbClient } from "../server/db-client";
import { findHead, verifyAnchors, verifyAuditLog } from "../server/services/audit";
import { openAppDatabase } from "./lib/app-database";

class CannotRun extends Error {}

function report(check: ReturnType<typeof verifyChain>): number {
  if (check.ok) {
    console.log(`Audit chain verified: ${check.count} entries, head ${check.head} (on a 公告: ${shortHash(check.head)})`);
    return 0;
  }
  console.error(`Audit chain BROKEN at entry seq ${check.brokenSeq}: ${check.reason} (${check.count} entries before it verified)`);
  return 1;
}

/** A head copied from a 公告, looked up among the chain's entries. */
function reportHead(head: string, entry: { seq: string | bigint; action: string } | null | undefined): number {
  const printed = head.length === 64 ? head : shortHash(head);
  if (entry) {
    console.log(`Head ${printed} found in the chain: seq ${entry.seq}, ${entry.action}`);
    return 0;
  }
  console.error(`Head ${printed} is not in the chain: the log has lost or rewritten entries since the copy that printed it`);
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
async function verifyFiles(chainFile: string, records: string[], head: string | null): Promise<number> {
  const parsed = parseAuditLines(await readText(chainFile));
  if (!parsed.ok) throw new CannotRun(`${chainFile}, line ${parsed.line}, is not an audit log entry: ${parsed.error}`);
  const check = verifyChain(parsed.rows);
  const code = report(check);
  if (code !== 0) return code;
  const entryOf = new Map(parsed.rows.map((r) => [r.hash, r]));
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
    // As in the database (checkAnchors): the auditHead is the scrutineers' certification of this
    // poll, and that entry names the hash of this very result — so a record rewritten with its
    // manifest, ballots and result changed alike, no longer fits the chain.
    const { auditHead, poll, result } = record.record;
    const entry = entryOf.get(auditHead);
    const name = path.basename(file);
    if (!entry) {
      console.error(`${name}: its auditHead ${auditHead} is NOT an entry of this chain`);
      unanchored++;
    } else if (entry.action !== "poll.certified" || entry.entityId !== poll.id) {
      console.error(`${name}: its auditHead is entry seq ${entry.seq}, ${entry.action} — not the certification of poll ${poll.id}`);
      unanchored++;
    } else if ((entry.data as { resultHash?: unknown } | null)?.resultHash !== resultHash(result)) {
      console.error(`${name}: its result is not the one certified at entry seq ${entry.seq}: the record was changed after certification`);
      unanchored++;
    } else {
      console.log(`${name}: anchored at entry seq ${entry.seq} (its auditHead: the certification of this poll and of this result)`);
    }
  }
  const headCode = head
    ? reportHead(
        head,
        parsed.rows.find((r) => r.hash.startsWith(head)),
      )
    : 0;
  return unanchored > 0 ? 1 : headCode;
}

async function verifyDatabase(head: string | null): Promise<number> {
  let database;
  try {
    database = await openAppDatabase("command");
  } catch (e) {
    throw new CannotRun(e instanceof Error ? e.message : String(e));
  }
  const db = createDbClient(database.url, 2);
  try {
    let code = report(await verifyAuditLog(db));
    const anchors = await verifyAnchors(db);
    if (anchors.problems.length === 0) {
      console.log(`${anchors.seals} poll seals and ${anchors.heads} published heads found in the chain`);
    } else {
      console.error(`Audit chain INCOMPLETE: ${anchors.problems.length} of its anchors do not hold — entries were deleted or rewritten:`);
      for (const problem of anchors.problems) console.error(`  ${problem}`);
      code = 1;
    }
    if (head && reportHead(head, await findHead(db, head)) !== 0) code = 1;
    return code;
  } finally {
    await db.$disconnect();
    database.stop?.();
  }
}

const USAGE = "Usage: npm run audit:verify [-- --head <hash>] | npm run audit:verify -- audit-log.jsonl [record.json …] [--head <hash>]";
try {
  const args = process.argv.slice(2).filter((a) => a !== "--");
  const files: string[] = [];
  let head: string | null = null;
  for (let i = 0; i < args.length; i++) {
    if (args[i] !== "--head") {
      if (args[i]!.startsWith("-")) throw new CannotRun(`unknown option ${args[i]}\n${USAGE}`);
      files.push(args[i]!);
      continue;
    }
    const value = args[++i];
    head = value === undefined ? null : parseHead(value);
    if (!head)
      throw new CannotRun(
        `--head takes a chain head as a 公告 prints it (16 hex digits, e.g. "3F2A 91C0 7B4E D215") or in full (64 hex digits).\n${USAGE}`,
      );
  }
  // npm runs scripts from the project folder; relative paths mean where the command was typed.
  const resolved = files.map((f) => path.resolve(process.env.INIT_CWD ?? process.cwd(), f));
  process.exitCode = resolved.length > 0 ? await verifyFiles(resolved[0]!, resolved.slice(1), head) : await verifyDatabase(head);
} catch (e) {
  console.error(`Cannot verify the audit chain: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 2;
}
