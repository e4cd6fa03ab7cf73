/**
 * `npm run audit:verify`: checks every link of the hash-chained audit log.
 * Exit 0 when the chain verifies; 1 naming the first broken entry; 2 when it cannot run.
 */
import { createDbClient } from "../server/db-client";
import { verifyAuditLog } from "../server/services/audit";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set.");
  process.exit(2);
}
const db = createDbClient(url, 2);
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
}
