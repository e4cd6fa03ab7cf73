import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { trackerTag } from "~/server/domain/ballot-seal";
import { canonicalJson } from "~/server/domain/canonical-json";
import { ballotTracker, nonceFromKey } from "~/server/domain/tracker";
import { boxKey, forgetBoxKey } from "~/server/services/ballot-box";
import { appCodeIn, trpcHttp } from "./http";
import { allChoices, approvedSession, callerFor, checkInMany, codeOf, createSessionFixture, db, newKey, openPollFixture } from "./fixtures";

/**
 * The sealed ballot box (DESIGN §4a, issue 11), read as an insider with the database but
 * without the app servers' secrets would read it: the live tables, and every file of the
 * cluster's data folder, the write-ahead log included.
 */

const dataDir = process.env.TEST_DATABASE_DATA_DIR;
const adminUrl = process.env.TEST_DATABASE_ADMIN_URL!;
const rightKek = process.env.BALLOT_SEAL_KEY!;

afterEach(() => {
  process.env.BALLOT_SEAL_KEY = rightKek;
});

/** Every way a receipt may be written: with and without its dashes, either case. */
function spellings(receipt: string): string[] {
  const bare = receipt.replaceAll("-", "");
  return [...new Set([receipt, bare].flatMap((s) => [s.toUpperCase(), s.toLowerCase()]))];
}

/** Every row of every table of this test's database, as text (bytea as hex). */
async function tablesAsText(): Promise<string> {
  const tables = await db.$queryRaw<{ t: string }[]>`
    SELECT table_name AS t FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`;
  let text = "";
  for (const { t } of tables) {
    const rows = await db.$queryRawUnsafe<{ r: string }[]>(`SELECT x::text AS r FROM "${t.replaceAll('"', '""')}" x`);
    text += rows.map((r) => r.r).join("\n");
  }
  return text;
}

/** The receipts (in any spelling) found in any row of any table of this test's database. */
async function receiptsInTables(receipts: string[]): Promise<string[]> {
  const text = await tablesAsText();
  return receipts.filter((r) => spellings(r).some((s) => text.includes(s)));
}

/**
 * Which of the named byte strings occur in any file of the cluster's data folder (heap
 * files, indexes, the WAL, the commit log…), after a checkpoint has written everything out.
 * Only files written since `since` can hold what this test wrote, so older ones are skipped
 * (the folder is shared with the other test files' databases).
 */
async function inDataFolder(needles: Record<string, Buffer[]>, since: number): Promise<string[]> {
  if (!dataDir) throw new Error("TEST_DATABASE_DATA_DIR is not set: scripts/test.sh exports the test cluster's data folder");
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query("CHECKPOINT");
  } finally {
    await admin.end();
  }
  // Indexed by their first four bytes, so each byte of the folder costs one table look-up.
  const byPrefix = new Map<number, { name: string; bytes: Buffer }[]>();
  for (const [name, forms] of Object.entries(needles)) {
    for (const bytes of forms) {
      const prefix = bytes.readUInt32BE(0);
      byPrefix.set(prefix, [...(byPrefix.get(prefix) ?? []), { name, bytes }]);
    }
  }
  const firstBytes = new Uint8Array(256);
  for (const prefix of byPrefix.keys()) firstBytes[prefix >>> 24] = 1;
  const found = new Set<string>();
  const scan = (file: string) => {
    const b = readFileSync(file);
    for (let i = 0; i + 4 <= b.length; i++) {
      if (!firstBytes[b[i]!]) continue;
      const candidates = byPrefix.get(((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0);
      if (!candidates) continue;
      for (const n of candidates) {
        const end = i + n.bytes.length;
        if (end <= b.length && b.compare(n.bytes, 0, n.bytes.length, i, end) === 0) found.add(n.name);
      }
    }
  };
  // Other test files share the cluster and drop their databases meanwhile: a file or folder
  // gone between listing and reading held nothing of this poll's.
  const unlessGone = (read: () => void) => {
    try {
      read();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    }
  };
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) unlessGone(() => walk(full));
      else if (entry.isFile()) unlessGone(() => statSync(full).mtimeMs >= since - 2000 && scan(full));
    }
  };
  walk(dataDir);
  return Object.keys(needles).filter((name) => found.has(name));
}

/** The receipts (in any spelling) found in any file of the cluster's data folder, WAL included. */
function receiptsInDataFolder(receipts: string[], since: number): Promise<string[]> {
  return inDataFolder(Object.fromEntries(receipts.map((r) => [r, spellings(r).map((s) => Buffer.from(s, "latin1"))])), since);
}

/** A key as it might be written anywhere: its bytes, in hex, in base64 and base64url. */
function keyForms(key: Buffer): Buffer[] {
  return [key, ...["hex", "base64", "base64url"].map((e) => Buffer.from(key.toString(e as BufferEncoding).replace(/=+$/, ""), "latin1"))];
}

describe("the sealed ballot box", () => {
  it("while a secret poll is open, no receipt the phones were shown — nor the key-encryption key, nor the poll key unwrapped — is in any table or any file of the data folder, WAL included", async () => {
    const since = Date.now();
    const f = await createSessionFixture({ delegates: 40, candidates: 4 });
    await checkInMany(f, 40);
    const poll = await openPollFixture(f);
    const receipts: string[] = [];
    for (let i = 0; i < 40; i++) {
      const res = await trpcHttp(await f.delegate(i), "delegate.cast", "mutation", {
        pollId: poll.id,
        choices: allChoices(poll.pollCandidates, (["FOR", "AGAINST", "ABSTAIN"] as const)[i % 3]),
        idempotencyKey: newKey(),
      });
      expect(appCodeIn(res)).toBe("OK");
      receipts.push((res.json?.result?.data?.json as { tracker: string }).tracker);
    }
    expect(new Set(receipts).size).toBe(40);
    // No counted row exists yet: every count (the cockpit, the hall screen, exports, the public pages) reads these, so none can show one.
    expect(await db.ballot.count({ where: { pollId: poll.id } })).toBe(0);
    expect(await db.ballotChoice.count({ where: { ballot: { pollId: poll.id } } })).toBe(0);
    expect(await receiptsInTables(receipts)).toEqual([]);
    expect(await receiptsInDataFolder(receipts, since)).toEqual([]);
    // Nor the key-encryption key, nor the poll's key other than wrapped; the wrapped one is there, so the search does see that row.
    const keys = { kek: keyForms(Buffer.from(rightKek, "base64url")), pollKey: keyForms((await boxKey(db, poll.id))!) };
    const tableText = await tablesAsText();
    expect(Object.entries(keys).filter(([, forms]) => forms.some((k) => tableText.includes(k.toString("latin1"))))).toEqual([]);
    const { wrapped } = await db.ballotBoxKey.findUniqueOrThrow({ where: { boxId: poll.id } });
    expect(await inDataFolder({ ...keys, wrapped: [Buffer.from(wrapped)] }, since)).toEqual(["wrapped"]);

    // The search finds them once they are counted: the close writes them in clear, as published.
    await callerFor(f.actors.secretariat).secretariat.closePoll({ pollId: poll.id });
    expect(await receiptsInTables(receipts)).toEqual(receipts);
    expect((await receiptsInDataFolder(receipts, since)).length).toBeGreaterThan(0);
  });

  it("while a rating round is open, no receipt is in any table or any file of the data folder; nobody sees a count", async () => {
    const since = Date.now();
    const f = await approvedSession();
    const secretariat = callerFor(f.actors.secretariat);
    const approved = [f.candidates[0]!.id, f.candidates[1]!.id]; // approvedSession approves all but the last
    const { id: roundId } = await secretariat.projects.startRating({ sessionId: f.session.id, title: "年度满意度测评" });
    const receipts: string[] = [];
    for (let i = 0; i < 4; i++) {
      const grades = Object.fromEntries(approved.map((id, j) => [id, (["SATISFIED", "BASIC", "UNSATISFIED"] as const)[(i + j) % 3]]));
      const res = await trpcHttp(await f.delegate(i), "projects.rate", "mutation", { roundId, grades, idempotencyKey: newKey() });
      expect(appCodeIn(res)).toBe("OK");
      receipts.push((res.json?.result?.data?.json as { receipt: string }).receipt);
    }
    expect(await codeOf(secretariat.projects.ratingCounts({ roundId }))).toBe("ROUND_STATE");
    // No counted rating exists yet, so no path (public pages, the progress report, its CSV) can count one.
    expect(await db.ratingBallot.count({ where: { roundId } })).toBe(0);
    expect(await db.ratingChoice.count({ where: { ballot: { roundId } } })).toBe(0);
    expect(await receiptsInTables(receipts)).toEqual([]);
    expect(await receiptsInDataFolder(receipts, since)).toEqual([]);

    await secretariat.projects.closeRating({ roundId });
    expect(await receiptsInTables(receipts)).toEqual(receipts);
    expect((await secretariat.projects.ratingCounts({ roundId })).length).toBe(approved.length);
  });

  it("every sealed ballot of a poll has one length, whatever the choices (赞成/反对/弃权, more or fewer FOR)", async () => {
    const f = await createSessionFixture({ delegates: 8, candidates: 4 });
    await checkInMany(f, 8);
    const lengthsOf = async (pollId: string) =>
      new Set((await db.sealedBallot.findMany({ where: { boxId: pollId }, select: { sealed: true } })).map((s) => s.sealed.length));

    const equal = await openPollFixture(f);
    for (const [i, choice] of (["FOR", "AGAINST", "ABSTAIN"] as const).entries()) {
      await callerFor(await f.delegate(i)).delegate.cast({
        pollId: equal.id,
        choices: allChoices(equal.pollCandidates, choice),
        idempotencyKey: newKey(),
      });
    }
    expect((await lengthsOf(equal.id)).size).toBe(1);
    await callerFor(f.actors.secretariat).secretariat.closePoll({ pollId: equal.id });

    const competitive = await openPollFixture(f, { kind: "COMPETITIVE", seats: 2 });
    const [a, b, c, d] = competitive.pollCandidates as [string, string, string, string];
    const ballots = [
      { [a]: "FOR", [b]: "FOR", [c]: "AGAINST", [d]: "AGAINST" },
      { [a]: "FOR", [b]: "ABSTAIN", [c]: "ABSTAIN", [d]: "ABSTAIN" },
      { [a]: "AGAINST", [b]: "AGAINST", [c]: "AGAINST", [d]: "AGAINST" },
    ] as const;
    for (const [i, choices] of ballots.entries()) {
      await callerFor(await f.delegate(i)).delegate.cast({ pollId: competitive.id, choices, idempotencyKey: newKey() });
    }
    expect((await lengthsOf(competitive.id)).size).toBe(1);
  });

  it("after the close no column, transaction id, row order or timestamp joins a delegate to a ballot or a rating", async () => {
    const f = await approvedSession();
    const more = await createSessionFixture({ delegates: 20, candidates: 3 });
    await checkInMany(more, 20);
    const poll = await openPollFixture(more);
    const castOrder: string[] = [];
    for (let i = 0; i < 20; i++) {
      const r = await callerFor(await more.delegate(i)).delegate.cast({
        pollId: poll.id,
        choices: allChoices(poll.pollCandidates, i % 2 ? "FOR" : "AGAINST"),
        idempotencyKey: newKey(),
      });
      castOrder.push(r.tracker);
    }
    await callerFor(more.actors.secretariat).secretariat.closePoll({ pollId: poll.id });

    // Transaction ids: the xmin join gives nothing; every counted row is the close's.
    const xminJoin = await db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM "Ballot" b JOIN "Participation" p ON p.xmin = b.xmin WHERE b."pollId" = ${poll.id}`;
    expect(xminJoin[0]!.n).toBe(0n);
    const ballotXmins = await db.$queryRaw<{ x: string }[]>`SELECT DISTINCT xmin::text AS x FROM "Ballot" WHERE "pollId" = ${poll.id}`;
    expect(ballotXmins).toHaveLength(1);
    // Row order: the counted rows are not in the order of the casts.
    const physical = await db.$queryRaw<{ tracker: string }[]>`SELECT "tracker" FROM "Ballot" WHERE "pollId" = ${poll.id} ORDER BY ctid`;
    expect(physical.map((r) => r.tracker)).not.toEqual(castOrder);
    expect(physical.map((r) => r.tracker).sort()).toEqual([...castOrder].sort());
    // Columns: no delegate on a secret ballot; the sealed rows and the poll's key are gone.
    expect(await db.ballot.count({ where: { pollId: poll.id, delegateId: { not: null } } })).toBe(0);
    expect(await db.sealedBallot.count({ where: { boxId: poll.id } })).toBe(0);
    expect(await db.ballotBoxKey.count({ where: { boxId: poll.id } })).toBe(0);

    // The same for a rating round: RatingBallot ⋈ RatingParticipation ON xmin joined every rater to their grades.
    const secretariat = callerFor(f.actors.secretariat);
    const approved = [f.candidates[0]!.id, f.candidates[1]!.id]; // approvedSession approves all but the last
    const { id: roundId } = await secretariat.projects.startRating({ sessionId: f.session.id, title: "测评" });
    for (let i = 0; i < 4; i++) {
      await callerFor(await f.delegate(i)).projects.rate({
        roundId,
        grades: Object.fromEntries(approved.map((id) => [id, i % 2 ? "SATISFIED" : "UNSATISFIED"])),
        idempotencyKey: newKey(),
      });
    }
    await secretariat.projects.closeRating({ roundId });
    const ratingJoin = await db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM "RatingBallot" b JOIN "RatingParticipation" p ON p.xmin = b.xmin WHERE b."roundId" = ${roundId}`;
    expect(ratingJoin[0]!.n).toBe(0n);
    const choiceJoin = await db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM "RatingChoice" c JOIN "RatingBallot" b ON b."id" = c."ballotId"
      JOIN "RatingParticipation" p ON p.xmin = c.xmin WHERE b."roundId" = ${roundId}`;
    expect(choiceJoin[0]!.n).toBe(0n);
    expect(await db.ratingBallot.count({ where: { roundId } })).toBe(4);

    // Timestamps: none on anything a cast writes, sealed or counted.
    const timed = await db.$queryRaw<{ table_name: string; column_name: string }[]>`
      SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = current_schema()
        AND table_name IN ('Participation', 'Ballot', 'BallotChoice', 'SealedBallot', 'BallotBoxKey', 'RatingParticipation', 'RatingBallot', 'RatingChoice')
        AND (data_type LIKE 'timestamp%' OR data_type = 'date')`;
    expect(timed).toEqual([]);
  });

  it("a wrong or missing key-encryption key at the close is refused and audited, loses nothing, and the close succeeds with the right key", async () => {
    const f = await createSessionFixture({ delegates: 6, candidates: 2 });
    await checkInMany(f, 6);
    const poll = await openPollFixture(f);
    const receipts: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await callerFor(await f.delegate(i)).delegate.cast({
        pollId: poll.id,
        choices: allChoices(poll.pollCandidates),
        idempotencyKey: newKey(),
      });
      receipts.push(r.tracker);
    }
    const secretariat = callerFor(f.actors.secretariat);
    const unchanged = async () => {
      expect((await db.poll.findUniqueOrThrow({ where: { id: poll.id } })).status).toBe("OPEN");
      expect(await db.sealedBallot.count({ where: { boxId: poll.id } })).toBe(5);
      expect(await db.ballotBoxKey.count({ where: { boxId: poll.id } })).toBe(1);
      expect(await db.ballot.count({ where: { pollId: poll.id } })).toBe(0);
    };

    process.env.BALLOT_SEAL_KEY = Buffer.alloc(32, 7).toString("base64url");
    expect(await codeOf(secretariat.secretariat.closePoll({ pollId: poll.id }))).toBe("BALLOT_BOX_LOCKED");
    await unchanged();
    // A server that has not cached the poll's key cannot take ballots under the wrong KEK either; nothing is stored.
    forgetBoxKey(poll.id);
    expect(
      await codeOf(
        callerFor(await f.delegate(5)).delegate.cast({
          pollId: poll.id,
          choices: allChoices(poll.pollCandidates),
          idempotencyKey: newKey(),
        }),
      ),
    ).toBe("BALLOT_BOX_LOCKED");
    expect(await db.participation.count({ where: { pollId: poll.id } })).toBe(5);

    delete process.env.BALLOT_SEAL_KEY;
    expect(await codeOf(secretariat.secretariat.closePoll({ pollId: poll.id }))).toBe("BALLOT_BOX_LOCKED");
    await unchanged();
    const refusals = await db.auditLog.findMany({ where: { entityId: poll.id, action: "poll.unseal.refused" }, orderBy: { seq: "asc" } });
    expect(refusals.map((r) => (r.data as { reason: string }).reason)).toEqual(["KEY_WRONG", "KEY_MISSING"]);
    // The audit names the key only by its identifier, never the key itself.
    expect(JSON.stringify(refusals.map((r) => r.data))).not.toContain(rightKek);

    process.env.BALLOT_SEAL_KEY = rightKek;
    expect(await secretariat.secretariat.closePoll({ pollId: poll.id })).toEqual({ status: "CLOSED" });
    const counted = await db.ballot.findMany({ where: { pollId: poll.id }, select: { tracker: true } });
    expect(counted.map((b) => b.tracker).sort()).toEqual([...receipts].sort());
  });

  it("the same at paper entry's finish and at a rating round's close: refused and audited, nothing lost, done with the right key", async () => {
    const f = await approvedSession();
    const secretariat = callerFor(f.actors.secretariat);
    const wrongKey = Buffer.alloc(32, 9).toString("base64url");

    // A poll with three phone ballots and one paper ballot (approvedSession checked in four), closed into paper entry, its paper ballot entered twice.
    const poll = await openPollFixture(f);
    const receipts: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await callerFor(await f.delegate(i)).delegate.cast({
        pollId: poll.id,
        choices: allChoices(poll.pollCandidates, "FOR"),
        idempotencyKey: newKey(),
      });
      receipts.push(r.tracker);
    }
    await callerFor(f.actors.clerk1).clerk.issuePaper({ pollId: poll.id, delegateId: f.delegates[3]!.id });
    expect((await secretariat.secretariat.closePoll({ pollId: poll.id })).status).toBe("PAPER_ENTRY");
    const paper = allChoices(poll.pollCandidates, "AGAINST");
    await callerFor(f.actors.clerk1).clerk.enterPaper({ pollId: poll.id, serial: "001", choices: paper });
    await callerFor(f.actors.clerk2).clerk.enterPaper({ pollId: poll.id, serial: "001", choices: paper });
    const pollUnchanged = async () => {
      expect((await db.poll.findUniqueOrThrow({ where: { id: poll.id } })).status).toBe("PAPER_ENTRY");
      expect(await db.sealedBallot.count({ where: { boxId: poll.id } })).toBe(3);
      expect(await db.ballotBoxKey.count({ where: { boxId: poll.id } })).toBe(1);
      expect(await db.ballot.count({ where: { pollId: poll.id, source: "ELECTRONIC" } })).toBe(0);
    };

    // A rating round with three ratings.
    const approved = [f.candidates[0]!.id, f.candidates[1]!.id]; // approvedSession approves all but the last
    const { id: roundId } = await secretariat.projects.startRating({ sessionId: f.session.id, title: "测评" });
    const ratingReceipts: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await callerFor(await f.delegate(i)).projects.rate({
        roundId,
        grades: Object.fromEntries(approved.map((id) => [id, "BASIC"])),
        idempotencyKey: newKey(),
      });
      ratingReceipts.push(r.receipt);
    }
    const roundUnchanged = async () => {
      expect((await db.ratingRound.findUniqueOrThrow({ where: { id: roundId } })).status).toBe("OPEN");
      expect(await db.sealedBallot.count({ where: { boxId: roundId } })).toBe(3);
      expect(await db.ballotBoxKey.count({ where: { boxId: roundId } })).toBe(1);
      expect(await db.ratingBallot.count({ where: { roundId } })).toBe(0);
    };

    for (const [kek, reason] of [
      [wrongKey, "KEY_WRONG"],
      [undefined, "KEY_MISSING"],
    ] as const) {
      if (kek) process.env.BALLOT_SEAL_KEY = kek;
      else delete process.env.BALLOT_SEAL_KEY;
      const finish = callerFor(f.actors.clerk2).clerk.finishPaper({ pollId: poll.id });
      expect([await codeOf(finish), reason]).toEqual(["BALLOT_BOX_LOCKED", reason]);
      await pollUnchanged();
      expect([await codeOf(secretariat.projects.closeRating({ roundId })), reason]).toEqual(["BALLOT_BOX_LOCKED", reason]);
      await roundUnchanged();
    }
    const refusals = async (entityId: string, action: string) =>
      (await db.auditLog.findMany({ where: { entityId, action }, orderBy: { seq: "asc" } })).map((r) => r.data as { reason: string });
    expect((await refusals(poll.id, "poll.unseal.refused")).map((d) => d.reason)).toEqual(["KEY_WRONG", "KEY_MISSING"]);
    expect((await refusals(roundId, "rating.unseal.refused")).map((d) => d.reason)).toEqual(["KEY_WRONG", "KEY_MISSING"]);
    const audited = JSON.stringify([
      ...(await refusals(poll.id, "poll.unseal.refused")),
      ...(await refusals(roundId, "rating.unseal.refused")),
    ]);
    expect(audited).not.toContain(rightKek);
    expect(audited).not.toContain(wrongKey);

    process.env.BALLOT_SEAL_KEY = rightKek;
    expect(await callerFor(f.actors.clerk2).clerk.finishPaper({ pollId: poll.id })).toEqual({ status: "CLOSED" });
    const counted = await db.ballot.findMany({ where: { pollId: poll.id }, select: { tracker: true, source: true } });
    expect(
      counted
        .filter((b) => b.source === "ELECTRONIC")
        .map((b) => b.tracker)
        .sort(),
    ).toEqual([...receipts].sort());
    expect(counted.filter((b) => b.source === "PAPER")).toHaveLength(1);
    await secretariat.projects.closeRating({ roundId });
    expect((await db.ratingRound.findUniqueOrThrow({ where: { id: roundId } })).status).toBe("CLOSED");
    const rated = await db.ratingBallot.findMany({ where: { roundId }, select: { tracker: true } });
    expect(rated.map((r) => r.tracker).sort()).toEqual([...ratingReceipts].sort());
  });

  it("a tracker collision is handled: the cast gets a receipt (not a 500), and its retry the same one, before and after the close", async () => {
    const f = await createSessionFixture({ delegates: 4, candidates: 2 });
    await checkInMany(f, 4);
    const poll = await openPollFixture(f);
    const choices = allChoices(poll.pollCandidates, "AGAINST");
    const key = newKey();
    // Another ballot already holds the tracker this key's first try would give.
    const first = ballotTracker(poll.id, choices, nonceFromKey(key, 0));
    const box = (await boxKey(db, poll.id))!;
    await db.sealedBallot.create({
      data: { boxId: poll.id, tag: "planted", trackerTag: trackerTag(box, first), sealed: new Uint8Array(64) },
    });

    const input = { pollId: poll.id, choices, idempotencyKey: key };
    const me = callerFor(await f.delegate(0));
    // Over HTTP, as the phone sends it: 200 and a receipt.
    const res = await trpcHttp(await f.delegate(0), "delegate.cast", "mutation", input);
    expect([res.status, appCodeIn(res)]).toEqual([200, "OK"]);
    const cast = res.json!.result!.data!.json as { tracker: string };
    expect(cast.tracker).not.toBe(first);
    expect(cast.tracker).toBe(ballotTracker(poll.id, choices, nonceFromKey(key, 1)));
    expect(await me.delegate.cast(input)).toEqual({ tracker: cast.tracker, replay: true });

    await db.sealedBallot.delete({ where: { boxId_tag: { boxId: poll.id, tag: "planted" } } });
    await callerFor(f.actors.secretariat).secretariat.closePoll({ pollId: poll.id });
    expect(await me.delegate.cast(input)).toEqual({ tracker: cast.tracker, replay: true });
  });

  it("a rating receipt collision is handled the same way: a receipt (not a 500), and its retry the same one", async () => {
    const f = await approvedSession();
    const approved = [f.candidates[0]!.id, f.candidates[1]!.id]; // approvedSession approves all but the last
    const { id: roundId } = await callerFor(f.actors.secretariat).projects.startRating({ sessionId: f.session.id, title: "测评" });
    const grades = Object.fromEntries(approved.map((id) => [id, "SATISFIED" as const]));
    const key = newKey();
    // The receipt this key's first try would give (server/services/ratings.ts), already held by another rating of the round.
    const receiptFor = (attempt: number) =>
      createHash("sha256")
        .update(canonicalJson({ round: roundId, grades, nonce: nonceFromKey(key, attempt) }))
        .digest("hex")
        .slice(0, 12)
        .toUpperCase();
    const box = (await boxKey(db, roundId))!;
    await db.sealedBallot.create({
      data: { boxId: roundId, tag: "planted", trackerTag: trackerTag(box, receiptFor(0)), sealed: new Uint8Array(64) },
    });
    const input = { roundId, grades, idempotencyKey: key };
    const res = await trpcHttp(await f.delegate(0), "projects.rate", "mutation", input);
    expect([res.status, appCodeIn(res)]).toEqual([200, "OK"]);
    expect((res.json!.result!.data!.json as { receipt: string }).receipt).toBe(receiptFor(1));
    expect(await callerFor(await f.delegate(0)).projects.rate(input)).toEqual({ receipt: receiptFor(1), replay: true });
  });
});
