import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";

/** The one way a Prisma client is made: the app (server/db.ts), scripts and tests share it. */
export function createDbClient(connectionString: string, max = 10) {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max }) });
}

export type Db = ReturnType<typeof createDbClient>;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
