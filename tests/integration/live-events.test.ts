import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { EVENTS_CHANNEL, notifySession } from "~/server/services/notify";
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

  it("after the listener reconnects (a database restart), every view refreshes, each at its own random moment", async () => {
    const stop = new AbortController();
    const views = Array.from({ length: 6 }, () => sessionChanges(randomUUID(), stop.signal, { intervalMs: 10, resyncSpreadMs: 3_000 }));
    try {
      for (const v of views) await v.next();
      await new Promise((resolve) => setTimeout(resolve, 300));
      const cut = Date.now();
      await db.$executeRaw`SELECT pg_terminate_backend("pid") FROM pg_stat_activity WHERE "query" = ${`LISTEN ${EVENTS_CHANNEL}`}`;
      const at = await Promise.all(views.map(async (v) => ((await within(v.next(), 8_000)) === "refreshed" ? Date.now() - cut : null)));
      expect(
        at.every((t) => t !== null),
        "every view refreshed",
      ).toBe(true);
      const times = at as number[];
      // Not all in the same moment: a hall's phones would otherwise all refetch in one second.
      expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(300);
    } finally {
      stop.abort();
    }
  });
});
