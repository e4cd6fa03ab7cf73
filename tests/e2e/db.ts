import { createHash, randomBytes } from "node:crypto";
import pg from "pg";

/** Direct access to the e2e database, for setting up what a test needs (never for asserting UI state). */
export async function withDb<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * Prints a delegate card's QR token the way the secretariat would: a random token whose
 * hash is stored (the format is server/auth/sign-in.ts's hashLoginToken — restated here
 * on purpose, so a change to it breaks this test rather than passing silently).
 */
export async function issueLoginToken(cardCode: string): Promise<string> {
  const token = randomBytes(24).toString("base64url");
  const hash = createHash("sha256").update(`minsheng-login-token\n${token}`).digest("hex");
  await withDb((c) =>
    c.query(
      `INSERT INTO "LoginToken" ("id", "delegateId", "tokenHash") SELECT gen_random_uuid()::text, "id", $2 FROM "Delegate" WHERE "cardCode" = $1`,
      [cardCode, hash],
    ),
  );
  return token;
}
