import "server-only";
import { isIP } from "node:net";
import { z } from "zod";
import { ZBallotSealKey } from "./ballot-seal-key";

/** An address or a CIDR block: `10.0.0.5`, `10.0.0.0/8`, `fd00::/8`. */
function isAddressOrBlock(entry: string): boolean {
  const [address = "", bits, extra] = entry.split("/");
  const family = isIP(address);
  if (!family || extra !== undefined) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

/**
 * Configuration comes from the environment and is checked once, at start: a missing or
 * malformed secret stops the app with a message naming the variable, rather than
 * failing later in the middle of a session.
 */

const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
  NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters"),
  NEXTAUTH_URL: z.url().optional(),
  /** Pool size per app server; PostgreSQL's max_connections must cover all servers. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  UPLOAD_DIR: z.string().default("uploads"),
  /**
   * The reverse proxies in front, comma-separated addresses or CIDR blocks: only a request
   * from one of them may say by X-Forwarded-For who the client is. Unset: the connection's
   * own address counts, whatever the client sends.
   */
  TRUSTED_PROXIES: z
    .string()
    .default("")
    .transform((v) =>
      v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .refine(
      (list) => list.every(isAddressOrBlock),
      "TRUSTED_PROXIES must be comma-separated IP addresses or CIDR blocks, e.g. 10.0.0.5,10.1.0.0/16",
    ),
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
