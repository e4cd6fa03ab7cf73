/**
 * One connection for one piece of work, closed however the work ends: how scripts and tests
 * reach PostgreSQL outside Prisma (creating databases, reading the migrations table, a test's
 * direct look at the rows).
 */
import pg from "pg";

export async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}
