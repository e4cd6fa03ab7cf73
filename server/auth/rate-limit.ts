import "server-only";
import type { Db } from "../db";

/**
 * Fixed-window counters kept in PostgreSQL, so every app server behind a load balancer
 * sees the same count (they share nothing but the database). One statement increments or restarts the window
 * atomically: no read-then-write race.
 */
export async function hitRateLimit(db: Db, key: string, windowSeconds: number): Promise<number> {
  const [row] = await db.$queryRaw<{ count: number }[]>`
    INSERT INTO "RateLimit" ("key", "windowStart", "count") VALUES (${key}, now(), 1)
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimit"."windowStart" < now() - make_interval(secs => ${windowSeconds}) THEN 1 ELSE "RateLimit"."count" + 1 END,
      "windowStart" = CASE WHEN "RateLimit"."windowStart" < now() - make_interval(secs => ${windowSeconds}) THEN now() ELSE "RateLimit"."windowStart" END
    RETURNING "count"`;
  return row?.count ?? 0;
}
