import { randomBytes, scryptSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signInDelegateWithPin, signInDelegateWithToken, signInStaff } from "~/server/auth/sign-in";
import { AppError } from "~/server/errors";
import { issueLoginToken } from "~/server/services/login-tokens";
import { callerFor, codeOf, createSessionFixture, db, PASSWORD, PIN } from "./fixtures";

const HALL = "203.0.113.77";

/** The refusal's code and, when it is RATE_LIMITED, the seconds it says to wait. */
async function outcome(attempt: Promise<unknown>): Promise<{ code: string; retryAfter?: number }> {
  try {
    await attempt;
    return { code: "OK" };
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return { code: e.code, retryAfter: e.details?.retryAfter as number | undefined };
  }
}

/** As if the delay had passed (the clock is the database's). */
const waitOut = (keyPart: string) => db.$executeRaw`UPDATE "SignInThrottle" SET "notBefore" = now() WHERE "key" LIKE ${`%${keyPart}`}`;

describe("sign-in throttling", () => {
  it("the attempt is recorded before the PIN is checked: 100 parallel wrong PINs on one card get 5 checks, the rest wait", async () => {
    const f = await createSessionFixture({ delegates: 1 });
    const card = f.delegates[0]!.cardCode;
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => outcome(signInDelegateWithPin(db, card, "000000", `198.51.100.${i}`))),
    );
    expect(results.filter((r) => r.code === "INVALID_CREDENTIALS").length).toBe(5);
    expect(results.filter((r) => r.code === "RATE_LIMITED").length).toBe(95);
    // Staff passwords the same way.
    const user = f.staff.secretariat.username;
    const staff = await Promise.all(Array.from({ length: 40 }, () => outcome(signInStaff(db, user, "wrong password", "198.51.100.200"))));
    expect(staff.filter((r) => r.code === "INVALID_CREDENTIALS").length).toBe(5);
  });

  it("a delegate gets a growing delay, not a lock anyone can force: it says how long to wait, then the right PIN works", async () => {
    const f = await createSessionFixture({ delegates: 1 });
    const card = f.delegates[0]!.cardCode;
    // Someone tries sequential card codes with wrong PINs: five free attempts, then the delay begins.
    for (let i = 0; i < 5; i++) expect((await outcome(signInDelegateWithPin(db, card, "000000", "x"))).code).toBe("INVALID_CREDENTIALS");
    const waits: number[] = [];
    for (let i = 0; i < 3; i++) {
      const refused = await outcome(signInDelegateWithPin(db, card, "000000", "x"));
      expect(refused.code).toBe("RATE_LIMITED");
      waits.push(refused.retryAfter!);
      // Hammering while refused does not lengthen the wait.
      expect((await outcome(signInDelegateWithPin(db, card, "000000", "x"))).retryAfter).toBeLessThanOrEqual(refused.retryAfter!);
      await waitOut(f.delegates[0]!.id);
      expect((await outcome(signInDelegateWithPin(db, card, "000000", "x"))).code).toBe("INVALID_CREDENTIALS");
    }
    // What is left of the delay when the refusal is read (the database's clock): 30, 60, 120 s, less the
    // seconds a loaded machine took between the failure that set it and the refusal.
    const about = (seconds: number) => expect.toSatisfy((s: number) => s <= seconds && s > seconds - 5);
    expect(waits).toEqual([about(30), about(60), about(120)]);
    // The delegate, even now: told to wait seconds, not 15 minutes; once the wait is over the right PIN signs in.
    const told = await outcome(signInDelegateWithPin(db, card, PIN, "hall"));
    expect(told).toEqual({ code: "RATE_LIMITED", retryAfter: about(240) });
    await waitOut(f.delegates[0]!.id);
    expect(await codeOf(signInDelegateWithPin(db, card, PIN, "hall"))).toBe("OK");
    // A success starts the count afresh.
    for (let i = 0; i < 5; i++) expect(await codeOf(signInDelegateWithPin(db, card, "000000", "x"))).toBe("INVALID_CREDENTIALS");
  });

  it("a clerk of the delegate's session lifts the wait at the desk, audited; a clerk of another session may not", async () => {
    const f = await createSessionFixture({ delegates: 1 });
    const other = await createSessionFixture({ delegates: 1 });
    const card = f.delegates[0]!.cardCode;
    for (let i = 0; i < 6; i++) await codeOf(signInDelegateWithPin(db, card, "000000", "x"));
    expect(await codeOf(signInDelegateWithPin(db, card, PIN, "hall"))).toBe("RATE_LIMITED");
    const delegateId = f.delegates[0]!.id;
    expect(await codeOf(callerFor(other.actors.clerk1).secretariat.clearSignInDelay({ delegateId }))).toBe("FORBIDDEN");
    expect(await callerFor(f.actors.clerk1).secretariat.clearSignInDelay({ delegateId })).toEqual({ cleared: true });
    expect(await codeOf(signInDelegateWithPin(db, card, PIN, "hall"))).toBe("OK");
    expect(await callerFor(f.actors.clerk1).secretariat.clearSignInDelay({ delegateId })).toEqual({ cleared: false });
    const audited = await db.auditLog.findMany({ where: { action: "auth.delay.cleared", entityId: delegateId } });
    expect(audited.map((a) => a.actorId)).toEqual([f.actors.clerk1.id, f.actors.clerk1.id]);
  });

  it("a hall of 250 behind one address signs in while someone there floods wrong PINs: at every card, and at made-up ones", async () => {
    const f = await createSessionFixture({ delegates: 250 });
    // The same PIN under a cheaper scrypt (the cost is stored with each hash): 500 full-cost
    // hashes took over a minute on a shared machine, and the throttle is what is under test.
    const salt = randomBytes(16);
    const cheap = `scrypt$1024$8$1$${salt.toString("base64")}$${scryptSync(PIN, salt, 32, { N: 1024 }).toString("base64")}`;
    await db.delegate.updateMany({ where: { sessionId: f.session.id }, data: { pinHash: cheap } });
    const flood = [
      ...f.delegates.map((d) => signInDelegateWithPin(db, d.cardCode, "000000", HALL)),
      ...Array.from({ length: 100 }, (_, i) => signInDelegateWithPin(db, `NOPE${i}`, "000000", HALL)),
    ];
    const hall = f.delegates.map((d) => signInDelegateWithPin(db, d.cardCode, PIN, HALL));
    const [floodResults, hallResults] = await Promise.all([Promise.all(flood.map(codeOf)), Promise.all(hall.map(codeOf))]);
    expect(hallResults.filter((c) => c !== "OK")).toEqual([]);
    // The made-up card codes are what the address's own cap slowed.
    expect(floodResults.slice(250).filter((c) => c === "RATE_LIMITED").length).toBeGreaterThan(0);
  });

  it("a flood of unknown names or invalid QR tokens from one address slows those only: real accounts and valid tokens from it go on", async () => {
    const f = await createSessionFixture({ delegates: 1 });
    for (let i = 0; i < 20; i++) await codeOf(signInStaff(db, `nobody-${i}`, "x", HALL));
    for (let i = 0; i < 10; i++) await codeOf(signInDelegateWithToken(db, `not-a-real-token-${i}`, HALL));
    expect((await outcome(signInDelegateWithToken(db, "another-token-guess", HALL))).code).toBe("RATE_LIMITED");
    expect((await outcome(signInStaff(db, "nobody-else", "x", HALL))).code).toBe("RATE_LIMITED");
    expect((await outcome(signInStaff(db, "nobody-else", "x", "198.51.100.9"))).code).toBe("INVALID_CREDENTIALS");
    expect(await codeOf(signInStaff(db, f.staff.clerk1.username, PASSWORD, HALL))).toBe("OK");
    const token = await issueLoginToken(db, f.actors.secretariat, f.delegates[0]!.id);
    expect(await codeOf(signInDelegateWithToken(db, token, HALL))).toBe("OK");
  });
});
