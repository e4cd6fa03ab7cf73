import "server-only";
import { createDbClient, type Db } from "./db-client";
import { env } from "./env";

export type { Db, Tx } from "./db-client";

/** One Prisma client per process (kept across hot reloads in development). */
const globalForDb = globalThis as unknown as { db?: Db };
export const db: Db = globalForDb.db ?? createDbClient(env.DATABASE_URL, env.DATABASE_POOL_SIZE);
if (env.NODE_ENV !== "production") globalForDb.db = db;
