// Vitest setupFile for the integration project: runs once per test file, before the
// file's own imports. Each test file gets a private database cloned from the migrated
// template, so files can run in parallel and never see each other's rows.
//
// DATABASE_URL must be set here, before anything imports `server/db.ts`: the app's
// Prisma client reads it once when the module is first evaluated.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll } from "vitest";
import { withClient } from "~/scripts/lib/pg-client";

process.env.NEXTAUTH_SECRET ||= "test-secret-at-least-32-characters-long!!";
// The ballot box's key-encryption key: 32 bytes in base64url, as `npm start` generates.
process.env.BALLOT_SEAL_KEY ||= randomBytes(32).toString("base64url");

const templateUrl = process.env.TEST_DATABASE_TEMPLATE_URL;
const adminUrl = process.env.TEST_DATABASE_ADMIN_URL;
if (!templateUrl || !adminUrl) {
  throw new Error(
    "Integration tests need TEST_DATABASE_TEMPLATE_URL and TEST_DATABASE_ADMIN_URL. " +
      "Run them with `npm test` (it starts a throwaway PostgreSQL and migrates the template), " +
      "or `SKIP_E2E=1 npm test` for a quicker run without build and e2e.",
  );
}

const templateName = decodeURIComponent(new URL(templateUrl).pathname.slice(1));
const databaseName = `t_${randomBytes(8).toString("hex")}`;
const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

const withAdmin = <T>(run: (client: pg.Client) => Promise<T>) => withClient(adminUrl, run);

// PostgreSQL refuses to clone a template while any session is connected to it
// (SQLSTATE 55006, "source database ... is being accessed by other users"); that is
// transient — e.g. a stray migrate process still disconnecting — so retry a while.
async function createDatabaseFromTemplate(): Promise<void> {
  const attempts = 10;
  for (let attempt = 1; ; attempt++) {
    try {
      await withAdmin((client) => client.query(`CREATE DATABASE ${quote(databaseName)} TEMPLATE ${quote(templateName)}`));
      return;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code !== "55006" || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
    }
  }
}

await createDatabaseFromTemplate();

const databaseUrl = new URL(templateUrl);
databaseUrl.pathname = `/${databaseName}`;
process.env.DATABASE_URL = databaseUrl.toString();

// Setup-file hooks run after the test file's own afterAll hooks. FORCE terminates the
// app's pooled connections (the Prisma client in server/db.ts is never disconnected).
afterAll(async () => {
  await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${quote(databaseName)} WITH (FORCE)`));
});
