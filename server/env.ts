import "server-only";
import { z } from "zod";

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
