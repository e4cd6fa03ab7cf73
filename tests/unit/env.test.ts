import { afterEach, describe, expect, it, vi } from "vitest";

/**
 * server/env.ts checks the environment once, at start (scripts/serve-next.cjs loads the tRPC
 * server, and with it this check, before Next listens): a missing or malformed secret stops
 * the app with a message naming the variable — and never quoting the value, which may be
 * the key-encryption key of the sealed ballot box (DESIGN §4a) or a near miss of it.
 */

const GOOD = {
  DATABASE_URL: "postgresql://app@127.0.0.1:5432/minsheng",
  NEXTAUTH_SECRET: "s".repeat(32),
  BALLOT_SEAL_KEY: Buffer.alloc(32, 7).toString("base64"),
  TRUSTED_PROXIES: undefined,
};

async function envWith(vars: Partial<Record<keyof typeof GOOD, string | undefined>>) {
  vi.resetModules();
  for (const [name, value] of Object.entries({ ...GOOD, ...vars })) vi.stubEnv(name, value);
  return (await import("~/server/env")).env;
}

/** The start's refusal, as the operator reads it. */
async function refusal(vars: Partial<Record<keyof typeof GOOD, string | undefined>>): Promise<string> {
  try {
    await envWith(vars);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("the environment was accepted");
}

afterEach(() => vi.unstubAllEnvs());

describe("the environment, checked at start", () => {
  it("takes a complete one: BALLOT_SEAL_KEY as 32 bytes in base64 or base64url (as npm start generates it), no trusted proxies by default", async () => {
    const env = await envWith({});
    expect(env.BALLOT_SEAL_KEY).toBe(GOOD.BALLOT_SEAL_KEY);
    expect(env.TRUSTED_PROXIES).toEqual([]);
    const url = Buffer.alloc(32, 250).toString("base64url");
    expect((await envWith({ BALLOT_SEAL_KEY: url })).BALLOT_SEAL_KEY).toBe(url);
  });

  it.each([
    ["missing", undefined],
    ["too short", Buffer.alloc(16, 1).toString("base64")],
    ["too long", Buffer.alloc(48, 1).toString("base64")],
    ["not base64", "this is not a key, but it is forty-three ch"],
  ])("refuses BALLOT_SEAL_KEY %s, naming the variable and never quoting the value", async (_, value) => {
    const message = await refusal({ BALLOT_SEAL_KEY: value });
    expect(message).toMatch(/^Invalid environment:\n {2}BALLOT_SEAL_KEY: /);
    if (value) expect(message).not.toContain(value);
  });

  it("refuses a session secret under 32 characters", async () => {
    expect(await refusal({ NEXTAUTH_SECRET: "short" })).toContain("NEXTAUTH_SECRET must be at least 32 characters");
  });

  it("reads TRUSTED_PROXIES as addresses or CIDR blocks, and refuses anything else", async () => {
    expect((await envWith({ TRUSTED_PROXIES: " 10.0.0.5, 10.1.0.0/16,fd00::/8 " })).TRUSTED_PROXIES).toEqual([
      "10.0.0.5",
      "10.1.0.0/16",
      "fd00::/8",
    ]);
    for (const bad of ["10.0.0.300", "10.0.0.0/33", "fd00::/129", "proxy.example", "10.0.0.0/8/1"]) {
      expect(await refusal({ TRUSTED_PROXIES: bad }), bad).toContain("TRUSTED_PROXIES must be comma-separated IP addresses or CIDR blocks");
    }
  });
});
