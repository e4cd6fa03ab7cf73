/**
 * The audit chain is anchored (DESIGN §4 promise 4): every poll's seal (its ballots hash)
 * and every published auditHead must be found in the chain, so removing the chain's tail —
 * or all of it — or rewriting a published head is reported by `npm run audit:verify`, naming
 * the entry that is missing; TRUNCATE is refused outright; and a head printed on a paper
 * 公告 can be checked with `audit:verify --head`.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { shortHash } from "~/lib/format";
import { approvedSession, db } from "./fixtures";

const run = promisify(execFile);

async function auditVerify(...args: string[]) {
  try {
    // tsx itself, not through npx: each run starts a process, and a busy machine makes that slow.
    const { stdout, stderr } = await run("node_modules/.bin/tsx", ["--conditions=react-server", "scripts/audit-verify.ts", ...args], {
      env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL },
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

/** What someone with the database's superuser rights can do: switch the guards off, change rows, switch them on. */
async function asDatabaseOwner(...statements: string[]) {
  await db.$transaction([
    db.$executeRawUnsafe(`ALTER TABLE "AuditLog" DISABLE TRIGGER USER`),
    db.$executeRawUnsafe(`ALTER TABLE "Poll" DISABLE TRIGGER USER`),
    ...statements.map((s) => db.$executeRawUnsafe(s)),
    db.$executeRawUnsafe(`ALTER TABLE "Poll" ENABLE TRIGGER USER`),
    db.$executeRawUnsafe(`ALTER TABLE "AuditLog" ENABLE TRIGGER USER`),
  ]);
}

// Each test damages the one chain of this file's database; put it back afterwards.
let saved = false;
async function saveChain() {
  await db.$executeRawUnsafe(`DROP TABLE IF EXISTS audit_saved`);
  await db.$executeRawUnsafe(`CREATE TABLE audit_saved AS SELECT * FROM "AuditLog"`);
  saved = true;
}
afterEach(async () => {
  if (!saved) return;
  await asDatabaseOwner(`DELETE FROM "AuditLog"`, `INSERT INTO "AuditLog" SELECT * FROM audit_saved`);
  saved = false;
});

async function certification(pollId: string) {
  return db.auditLog.findFirstOrThrow({ where: { action: "poll.certified", entityId: pollId } });
}

describe("the audit chain's tail is anchored", () => {
  it("TRUNCATE is refused like UPDATE and DELETE", async () => {
    await approvedSession();
    const before = await db.auditLog.count();
    await expect(db.$executeRawUnsafe(`TRUNCATE "AuditLog"`)).rejects.toThrow(/AUDIT_LOG_APPEND_ONLY/);
    await expect(db.$executeRawUnsafe(`TRUNCATE "AuditLog" RESTART IDENTITY CASCADE`)).rejects.toThrow(/AUDIT_LOG_APPEND_ONLY/);
    expect(await db.auditLog.count()).toBe(before);
  });

  it("a deleted tail is reported, naming the certification entry the published record points to", async () => {
    const f = await approvedSession();
    const ok = await auditVerify();
    expect(ok.code, ok.stderr).toBe(0);
    const poll = await db.poll.findUniqueOrThrow({ where: { id: f.pollId } });
    expect(ok.stdout).toMatch(/\d+ poll seals? and \d+ published heads? found in the chain/);
    // The head is also printed as the 公告 prints it.
    const head = (await db.auditLog.findFirstOrThrow({ orderBy: { seq: "desc" } })).hash;
    expect(ok.stdout).toContain(shortHash(head));

    await saveChain();
    const certified = await certification(f.pollId);
    await asDatabaseOwner(`DELETE FROM "AuditLog" WHERE "seq" >= ${certified.seq}`);
    // What is left still links up: only the anchors show the loss.
    const broken = await auditVerify();
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(f.pollId);
    expect(broken.stderr).toContain("poll.certified");
    expect(broken.stderr).toContain(shortHash(poll.auditHead!));
  }, 180_000);

  it("a truncated chain is reported: every poll's seal and published head is missing from it", async () => {
    const f = await approvedSession();
    await saveChain();
    await asDatabaseOwner(`TRUNCATE "AuditLog"`);
    const r = await auditVerify();
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(f.pollId);
    expect(r.stderr).toContain("poll.closed");
    expect(r.stderr).toContain("poll.certified");
  }, 180_000);

  it("a rewritten published head, or a ballot changed after the seal, is reported", async () => {
    const f = await approvedSession();
    const published = await db.auditLog.findFirstOrThrow({ where: { action: "poll.published", entityId: f.pollId } });
    // The trigger refuses a new head on a certified poll.
    await expect(db.$executeRaw`UPDATE "Poll" SET "auditHead" = ${published.hash} WHERE "id" = ${f.pollId}`).rejects.toThrow(/POLL_FROZEN/);

    const poll = await db.poll.findUniqueOrThrow({ where: { id: f.pollId } });
    const choice = await db.ballotChoice.findFirstOrThrow({ where: { ballot: { pollId: f.pollId }, choice: "AGAINST" } });
    try {
      await asDatabaseOwner(
        `UPDATE "Poll" SET "auditHead" = '${published.hash}' WHERE "id" = '${f.pollId}'`,
        `UPDATE "BallotChoice" SET "choice" = 'FOR' WHERE "ballotId" = '${choice.ballotId}' AND "pollCandidateId" = '${choice.pollCandidateId}'`,
      );
      const r = await auditVerify();
      expect(r.code).toBe(1);
      // The head now names the publication, not the certification.
      expect(r.stderr).toMatch(new RegExp(`${f.pollId}.*auditHead.*seq ${published.seq}.*poll\\.published`));
      // The ballots no longer hash to the seal recorded when they were counted.
      expect(r.stderr).toMatch(new RegExp(`${f.pollId}.*ballots.*${shortHash(poll.ballotsHash!)}`));
    } finally {
      await asDatabaseOwner(
        `UPDATE "Poll" SET "auditHead" = '${poll.auditHead}' WHERE "id" = '${f.pollId}'`,
        `UPDATE "BallotChoice" SET "choice" = 'AGAINST' WHERE "ballotId" = '${choice.ballotId}' AND "pollCandidateId" = '${choice.pollCandidateId}'`,
      );
    }
  }, 180_000);

  it("--head checks the chain against a head copied from a printed 公告, in its short or full form", async () => {
    const f = await approvedSession();
    const poll = await db.poll.findUniqueOrThrow({ where: { id: f.pollId } });
    const printed = shortHash(poll.auditHead!); // "3F2A 91C0 7B4E D215", as on paper
    const ok = await auditVerify("--head", printed);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain(`seq ${(await certification(f.pollId)).seq}`);
    expect((await auditVerify("--head", poll.auditHead!.toUpperCase())).code).toBe(0);

    // Someone rewrites history from the certification on, and points the poll at the new chain.
    await saveChain();
    const certified = await certification(f.pollId);
    await asDatabaseOwner(`DELETE FROM "AuditLog" WHERE "seq" >= ${certified.seq}`);
    const last = await db.auditLog.findFirstOrThrow({ orderBy: { seq: "desc" } });
    await asDatabaseOwner(`UPDATE "Poll" SET "auditHead" = '${last.hash}' WHERE "id" = '${f.pollId}'`);
    try {
      const r = await auditVerify("--head", printed);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(printed);
      expect(r.stderr).toMatch(/not in the chain/);
    } finally {
      await asDatabaseOwner(`UPDATE "Poll" SET "auditHead" = '${poll.auditHead}' WHERE "id" = '${f.pollId}'`);
    }
    const bad = await auditVerify("--head", "not-a-hash");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--head/);
  }, 300_000);
});
