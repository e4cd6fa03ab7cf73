import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "~/prisma/seed";
import { FOLLOWUP_AS_OF, FOLLOWUP_VOTE } from "~/prisma/seed-data";
import { checkDemoStage } from "~/scripts/lib/demo-stage";
import { createDbClient, type Db } from "~/server/db-client";
import { verifyAuditLog } from "~/server/services/audit";
import { getDemoDataSet } from "~/server/services/demo-data-set";
import { progressReport } from "~/server/services/progress-report";
import { getBallotRecord } from "~/server/services/poll-result";
import { getPublicProject, listPublicProjects } from "~/server/services/public-projects";
import { listRatingRounds } from "~/server/services/ratings";
import { LocalDiskStorage } from "~/server/storage/file-storage";

/**
 * The follow-up demo (DEMO_STAGE=followup) as `npm start` loads it. scripts/test.sh seeds it
 * once (TEST_DEMO_FOLLOWUP_URL; the e2e clones that database); run alone, this file seeds
 * its own database. Only read here: the other users of that database see it unchanged.
 */
const ROOT = path.resolve(import.meta.dirname, "../..");
let db: Db;
let sessionId: string;
let pollId: string;

beforeAll(async () => {
  db = createDbClient(process.env.TEST_DEMO_FOLLOWUP_URL ?? process.env.DATABASE_URL!, 4);
  if (!process.env.TEST_DEMO_FOLLOWUP_URL) {
    await seedDemo(db, "followup", new LocalDiskStorage(mkdtempSync(path.join(tmpdir(), "demo-uploads-"))));
  }
  const poll = await db.poll.findFirstOrThrow({ where: { title: FOLLOWUP_VOTE.title }, select: { id: true, sessionId: true } });
  pollId = poll.id;
  sessionId = poll.sessionId;
}, 180_000);
afterAll(() => db.$disconnect());

function recount(file: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile("npx", ["tsx", "scripts/recount.ts", file], { cwd: ROOT, encoding: "utf8", timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr }),
    );
  });
}

describe("the follow-up demo", () => {
  it("held its vote through the app's services: checked in, cast, closed, certified by two scrutineers, published; the chain verifies", async () => {
    const poll = await db.poll.findUniqueOrThrow({ where: { id: pollId } });
    expect(poll).toMatchObject({ status: "PUBLISHED", seated: 280, present: 268, issued: 268, returned: 265 });
    expect(poll.publishedAt!.toISOString().slice(0, 10)).toBe(FOLLOWUP_VOTE.on);
    expect(await db.scrutineerSignoff.count({ where: { pollId } })).toBe(2);
    // Secret: 265 ballots without a delegate, 265 participations without a ballot link.
    expect(await db.ballot.count({ where: { pollId, delegateId: null } })).toBe(265);
    const actions = await db.auditLog.groupBy({ by: ["action"], where: { sessionId }, _count: true });
    const count = (action: string) => actions.find((a) => a.action === action)?._count ?? 0;
    expect(count("checkin.recorded")).toBe(268);
    expect([count("poll.opened"), count("poll.closed"), count("poll.certified"), count("poll.published")]).toEqual([1, 1, 1, 1]);
    expect(count("poll.signoff")).toBe(2);
    // Through the sealed box: the ballots were cast sealed and the close opened the box —
    // nothing sealed and no poll key is left, and the close sealed the 265 counted ballots.
    expect(await db.sealedBallot.count({ where: { boxId: pollId } })).toBe(0);
    expect(await db.ballotBoxKey.count({ where: { boxId: pollId } })).toBe(0);
    const closed = await db.auditLog.findFirstOrThrow({ where: { action: "poll.closed", entityId: pollId } });
    expect(closed.data).toMatchObject({ returned: 265, ballotsHash: poll.ballotsHash });
    expect(await verifyAuditLog(db)).toMatchObject({ ok: true });
    // The audit log keeps the time the load really ran, not the demo's 2021.
    const last = await db.auditLog.findFirstOrThrow({ orderBy: { seq: "desc" } });
    expect(last.at.getUTCFullYear()).toBeGreaterThan(2021);
  });

  it("npm run recount agrees with the published ballot record", async () => {
    const record = await getBallotRecord(db, pollId);
    const poll = await db.poll.findUniqueOrThrow({ where: { id: pollId }, select: { result: true } });
    expect(record.result).toEqual(poll.result);
    expect(record.result.candidates.filter((c) => c.selected)).toHaveLength(FOLLOWUP_VOTE.candidates);
    const file = path.join(mkdtempSync(path.join(tmpdir(), "demo-record-")), "record.json");
    writeFileSync(file, JSON.stringify(record));
    const { code, stdout } = await recount(file);
    expect(stdout).toContain("OK: the recount from the ballots matches the published result.");
    expect(code).toBe(0);
  });

  it("reads as of its own day: plans and progress with photos, one project 滞后, notes with replies, comments moderated", async () => {
    expect(await getDemoDataSet(db)).toEqual({ stage: "FOLLOWUP", asOf: FOLLOWUP_AS_OF });
    const cards = await listPublicProjects(db, sessionId);
    expect(cards).toHaveLength(FOLLOWUP_VOTE.candidates);
    expect(cards.every((c) => c.asOf === FOLLOWUP_AS_OF)).toBe(true);
    const delayed = cards.filter((c) => c.status === "DELAYED");
    expect(delayed.map((c) => c.title)).toEqual(["新建 150 座电动汽车充电桩"]);
    expect(cards.filter((c) => c.status === "COMPLETED").length).toBeGreaterThanOrEqual(3);
    expect(cards.filter((c) => c.latestPhoto).length).toBeGreaterThanOrEqual(6);
    expect(cards.every((c) => c.latestUpdateAt && c.latestUpdateAt.getUTCFullYear() === 2021)).toBe(true);

    const page = await getPublicProject(db, delayed[0]!.id);
    expect(page.plan!.milestones.some((m) => !m.achievedOn && m.plannedOn < FOLLOWUP_AS_OF)).toBe(true);
    expect(page.plan!.updates.some((u) => u.photos.length > 0)).toBe(true);
    expect(page.supervision.some((n) => n.answered)).toBe(true);
    // One comment approved, the advertisement moderated away.
    expect(page.feedback).toHaveLength(1);
    expect(await db.feedback.count({ where: { status: "REJECTED" } })).toBe(2);
    expect(await db.supervisionNote.count({ where: { replies: { none: {} } } })).toBe(1);

    const report = await progressReport(db, sessionId);
    expect(report.today).toBe(FOLLOWUP_AS_OF);
    // The year-end rating is ready to open: approved projects, no round yet.
    expect(await listRatingRounds(db, sessionId)).toEqual([]);
  });

  it("needs the ballot box's key-encryption key, as npm start provides it: without one the load is refused before anything is written", async () => {
    // The demo's vote goes through the sealed box (cast sealed, opened at the close), which cannot be done without the KEK.
    const empty = createDbClient(process.env.DATABASE_URL!, 2);
    const key = process.env.BALLOT_SEAL_KEY;
    try {
      const before = await empty.congress.count();
      delete process.env.BALLOT_SEAL_KEY;
      await expect(seedDemo(empty, "followup")).rejects.toThrow(/BALLOT_SEAL_KEY.*npm start/s);
      expect(await empty.congress.count()).toBe(before);
    } finally {
      process.env.BALLOT_SEAL_KEY = key;
      await empty.$disconnect();
    }
  });

  it("npm start refuses the other stage on this database, and serves its own", async () => {
    await expect(checkDemoStage(db, "followup", "here")).resolves.toBeUndefined();
    await expect(checkDemoStage(db, "vote", "here")).rejects.toThrow(/here holds the follow-up demo/);
  });
});
