/**
 * `npm run audit:verify [-- --head <hash>]`: checks every link of the hash-chained audit log,
 * then what anchors its tail (server/domain/audit-anchors.ts): every poll's ballots seal and
 * every published auditHead must be found in the chain, so a deleted tail or a truncated log
 * is reported with the entry that is missing. `--head` also checks a head copied from a
 * printed 公告, in its short ("3F2A 91C0 7B4E D215") or full form.
 * Exit 0 when everything holds; 1 naming what does not; 2 when it cannot run.
 * The database: DATABASE_URL, or the embedded default in DATA_DIR (running or not).
 */
import { shortHash } from "../lib/format";
import { createDbClient } from "../server/db-client";
import { parseHead } from "../server/domain/audit-anchors";
import { findHead, verifyAnchors, verifyAuditLog } from "../server/services/audit";
import { openAppDatabase, type AppDatabase } from "./lib/app-database";

function usage(message: string): never {
  console.error(`${message}\nUsage: npm run audit:verify [-- --head <hash>]`);
  process.exit(2);
}

const args = process.argv.slice(2);
let head: string | null = null;
for (let i = 0; i < args.length; i++) {
  if (args[i] !== "--head") usage(`Unknown argument: ${args[i]}`);
  const value = args[++i];
  head = value === undefined ? null : parseHead(value);
  if (!head) usage(`--head takes a chain head as a 公告 prints it (16 hex digits, e.g. "3F2A 91C0 7B4E D215") or in full (64 hex digits).`);
}

let database: AppDatabase;
try {
  database = await openAppDatabase("command");
} catch (e) {
  console.error(`Cannot verify the audit chain: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(2);
}
const db = createDbClient(database.url, 2);
try {
  const check = await verifyAuditLog(db);
  if (check.ok) {
    console.log(`Audit chain verified: ${check.count} entries, head ${shortHash(check.head)} (${check.head})`);
  } else {
    console.error(`Audit chain BROKEN at entry seq ${check.brokenSeq}: ${check.reason} (${check.count} entries before it verified)`);
    process.exitCode = 1;
  }
  const anchors = await verifyAnchors(db);
  if (anchors.problems.length === 0) {
    console.log(`${anchors.seals} poll seals and ${anchors.heads} published heads found in the chain`);
  } else {
    console.error(`Audit chain INCOMPLETE: ${anchors.problems.length} of its anchors do not hold — entries were deleted or rewritten:`);
    for (const problem of anchors.problems) console.error(`  ${problem}`);
    process.exitCode = 1;
  }
  if (head) {
    const printed = head.length === 64 ? head : shortHash(head);
    const entry = await findHead(db, head);
    if (entry) {
      console.log(`Head ${printed} found in the chain: seq ${entry.seq}, ${entry.action}, ${entry.at.toISOString()}`);
    } else {
      console.error(`Head ${printed} is not in the chain: the log has lost or rewritten entries since the copy that printed it`);
      process.exitCode = 1;
    }
  }
} catch (e) {
  console.error(`Cannot verify the audit chain: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 2;
} finally {
  await db.$disconnect();
  database.stop?.();
}
