import "server-only";
import { z } from "zod";

/**
 * Configuration comes from the environment and is checked once, at start: a missing or
 * malformed secret stops the app with a message naming the variable, rather than
 * failing later in the middle of a session.
 */
/**
 * The ballot box's key-encryption key (DESIGN §4a): 32 random bytes in base64 or base64url,
 * as `npm start` generates into DATA_DIR. It wraps every poll's and rating round's key;
 * never stored in the database, logged or audited.
 */
const ZBallotSealKey = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9+/_-]{43}=?$/, "BALLOT_SEAL_KEY must be 32 random bytes in base64 (e.g. `openssl rand -base64 32`)");

const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
  NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters"),
  NEXTAUTH_URL: z.url().optional(),
  /** Pool size per app server; PostgreSQL's max_connections must cover all servers. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  UPLOAD_DIR: z.string().default("uploads"),
  BALLOT_SEAL_KEY: ZBallotSealKey,
});

export type TEnv = z.infer<typeof ZEnv>;

function loadEnv(): TEnv {
  const parsed = ZEnv.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment:\n${problems}`);
  }
  return parsed.data;
}

export const env = loadEnv();

/**
 * The KEK as bytes, or null when the environment has none (or a malformed one). Read at
 * each use, not frozen at start like `env`: the ballot box refuses to open under a missing
 * or wrong key and must open once the right one is back (tests take it away and restore it).
 */
export function ballotSealKey(): Buffer | null {
  const parsed = ZBallotSealKey.safeParse(process.env.BALLOT_SEAL_KEY);
  return parsed.success ? Buffer.from(parsed.data.replace(/=$/, ""), "base64url") : null;
}
