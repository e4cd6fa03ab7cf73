import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/prisma/client";

/** The one way a Prisma client is made: the app (server/db.ts), scripts and tests share it. */
export function createDbClient(connectionString: string, max = 10) {
  // Columns are `timestamp` without zone holding UTC: that is how Prisma writes and reads
  // them. Stamps PostgreSQL takes itself (now() when a poll opens or closes, column
  // defaults) are converted with the session's TimeZone, which a server set up in the
  // congress's zone has as Asia/Shanghai: they would be stored 8 hours off. Every
  // connection runs in UTC from its first statement on, because the zone travels in the
  // connection's startup packet (not a SET racing the first query).
  const pool = new pg.Pool({ connectionString, max, options: "-c TimeZone=UTC" });
  return new PrismaClient({
    adapter: new PrismaPg(pool, { disposeExternalPool: true }),
    // A hall checking in at once queues for the pool's connections and, inside, for the
    // audit chain's lock (services/audit.ts). Prisma's defaults (2 s to get a connection,
    // 5 s per transaction) turned that queue into failed check-ins on a busy 2-core
    // machine; a phone would rather wait a few seconds more than see an error.
    transactionOptions: { maxWait: 20_000, timeout: 30_000 },
  });
}

export type Db = ReturnType<typeof createDbClient>;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
