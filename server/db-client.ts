import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/prisma/client";

/** The one way a Prisma client is made: the app (server/db.ts), scripts and tests share it. */
export function createDbClient(connectionString: string, max = 10) {
  const pool = new pg.Pool({ connectionString, max });
  // Columns are `timestamp` without zone holding UTC: that is how Prisma writes and reads
  // them. Stamps PostgreSQL takes itself (now() when a poll opens or closes, column
  // defaults) are converted with the session's TimeZone, which a server set up in the
  // congress's zone has as Asia/Shanghai: they would be stored 8 hours off. Every pooled
  // connection runs in UTC; 'connect' fires before the pool hands the connection out, so
  // this SET is the first statement on it.
  pool.on("connect", (client) => {
    client.query("SET TIME ZONE 'UTC'").catch(() => undefined);
  });
  return new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
}

export type Db = ReturnType<typeof createDbClient>;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
