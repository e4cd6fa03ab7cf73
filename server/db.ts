import "server-only";
import { createDbClient, type Db } from "./db-client";
import { env } from "./env";

export type { Db, Tx } from "./db-client";

/**
 * One Prisma client per process, kept on globalThis: across hot reloads in development, and
 * in production between the two copies of this module that scripts/serve-next.cjs runs
 * (Next's build and the tRPC server's bundle), so a process has one pool of
 * DATABASE_POOL_SIZE connections, not two.
 */
const globalForDb = globalThis as unknown as { db?: Db };
export const db: Db = (globalForDb.db ??= createDbClient(env.DATABASE_URL, env.DATABASE_POOL_SIZE));
