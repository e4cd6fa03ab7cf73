import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { notifySession } from "~/server/services/notify";
import { sessionChanges } from "~/server/services/realtime";
import { db } from "./fixtures";

const within = (p: Promise<unknown>, ms: number) =>
  Promise.race([p.then(() => "refreshed"), new Promise<string>((resolve) => setTimeout(() => resolve("missed"), ms))]);

describe("live views (hall screen, secretariat turnout)", () => {
  it("a change that lands while the first state is read and sent brings another refresh", async () => {
    const sessionId = randomUUID();
    const stop = new AbortController();
    const changes = sessionChanges(sessionId, stop.signal, { intervalMs: 10 });
    try {
      await changes.next(); // the first state: the subscriber reads and sends it now…
      await db.$transaction((tx) => notifySession(tx, sessionId, "check-in")); // …while a check-in commits
      await new Promise((resolve) => setTimeout(resolve, 300)); // the NOTIFY reaches this server's listener
      expect(await within(changes.next(), 3_000)).toBe("refreshed");
      // Other sessions' changes do not wake it.
      await db.$transaction((tx) => notifySession(tx, randomUUID(), "check-in"));
      expect(await within(changes.next(), 1_000)).toBe("missed");
    } finally {
      stop.abort();
    }
  });
});
