/**
 * `npm run audit:verify`: checks every link of the hash-chained audit log.
 * Exit 0 when the chain verifies; 1 naming the first broken entry; 2 when it cannot run.
 * The database: DATABASE_URL, or the embedded default in DATA_DIR (running or not).
 */
import { createDbClient } from "../server/db-client";
import { verifyAuditLog } from "../server/services/audit";
import { openAppDatabase, type AppDatabase } from "./lib/app-database";

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
    console.log(`Audit chain verified: ${check.count} entries, head ${check.head}`);
  } else {
    console.error(`Audit chain BROKEN at entry seq ${check.brokenSeq}: ${check.reason} (${check.count} entries before it verified)`);
    process.exitCode = 1;
  }
} catch (e) {
  console.error(`Cannot verify the audit chain: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 2;
} finally {
  await db.$disconnect();
  database.stop?.();
}
