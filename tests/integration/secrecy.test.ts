import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { allChoices, callerFor, checkInMany, createSessionFixture, db, newKey, openPollFixture } from "./fixtures";

/**
 * Secret polls never link delegate and choice — not in a table, a column,
 * a log line or a timestamp.
 */
describe("secrecy of secret polls", () => {
  const logged: string[] = [];
  beforeEach(() => {
    logged.length = 0;
    for (const level of ["log", "info", "warn", "error", "debug"] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        logged.push(args.map(String).join(" "));
      });
    }
  });
  afterEach(() => vi.restoreAllMocks());

  it("the schema has no column that could join a participation to a ballot", async () => {
    const columns = await db.$queryRaw<{ table_name: string; column_name: string; data_type: string }[]>`
      SELECT table_name, column_name, data_type FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name IN ('Participation', 'Ballot', 'BallotChoice')`;
    const of = (t: string) => columns.filter((c) => c.table_name === t);
    // What is stored per delegate is only THAT they voted — and, for a paper ballot handed
    // out at the desk, that it was paper and who handed it out (the paper ballot itself is
    // typed in by its serial, which names nobody).
    expect(
      of("Participation")
        .map((c) => c.column_name)
        .sort(),
    ).toEqual(["delegateId", "issuedById", "keyHash", "kind", "pollId"]);
    // No timestamps on ballots (an insert time could be matched to a sign-in or a check-in).
    for (const t of ["Participation", "Ballot", "BallotChoice"]) {
      expect(
        of(t).filter((c) => c.data_type.startsWith("timestamp") || c.data_type === "date"),
        t,
      ).toEqual([]);
    }
    // No sequence or serial on ballots (an order of insertion).
    expect(columns.filter((c) => ["integer", "bigint"].includes(c.data_type) && ["Ballot", "BallotChoice"].includes(c.table_name))).toEqual(
      [],
    );
    // No foreign key between participation and ballot.
    const fks = await db.$queryRaw<{ from_table: string; to_table: string }[]>`
      SELECT tc.table_name AS from_table, ccu.table_name AS to_table
      FROM information_schema.table_constraints tc
      JOIN information_schema.constraint_column_usage ccu ON tc.constraint_name = ccu.constraint_name
      WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_name IN ('Participation', 'Ballot', 'BallotChoice')`;
    expect(
      fks.filter(
        (k) =>
          (k.from_table === "Participation" && k.to_table.startsWith("Ballot")) ||
          (k.from_table.startsWith("Ballot") && k.to_table === "Participation"),
      ),
    ).toEqual([]);
  });

  it("after casting, no stored value or log line joins a delegate to a ballot", async () => {
    const f = await createSessionFixture({ delegates: 20, candidates: 3 });
    await checkInMany(f, 20);
    const poll = await openPollFixture(f);
    const trackers: string[] = [];
    const keys: string[] = [];
    for (let i = 0; i < 20; i++) {
      const key = newKey();
      keys.push(key);
      const r = await callerFor(await f.delegate(i)).delegate.cast({
        pollId: poll.id,
        choices: allChoices(poll.pollCandidates, i % 2 ? "FOR" : "AGAINST"),
        idempotencyKey: key,
      });
      trackers.push(r.tracker);
    }
    // Retries and refusals log nothing either.
    await callerFor(await f.delegate(0)).delegate.cast({
      pollId: poll.id,
      choices: allChoices(poll.pollCandidates, "AGAINST"),
      idempotencyKey: keys[0]!,
    });
    await callerFor(await f.delegate(1))
      .delegate.cast({ pollId: poll.id, choices: allChoices(poll.pollCandidates), idempotencyKey: newKey() })
      .catch(() => undefined);
    await callerFor(f.actors.secretariat).secretariat.closePoll({ pollId: poll.id });

    // Hidden row metadata does not join them either: every ballot row was rewritten by the close.
    const ballotXmins = await db.$queryRaw<{ x: string }[]>`SELECT DISTINCT xmin::text AS x FROM "Ballot" WHERE "pollId" = ${poll.id}`;
    const choiceXmins = await db.$queryRaw<
      { x: string }[]
    >`SELECT DISTINCT c.xmin::text AS x FROM "BallotChoice" c JOIN "Ballot" b ON b."id" = c."ballotId" WHERE b."pollId" = ${poll.id}`;
    const participationXmins = await db.$queryRaw<
      { x: string }[]
    >`SELECT DISTINCT xmin::text AS x FROM "Participation" WHERE "pollId" = ${poll.id}`;
    expect(ballotXmins).toHaveLength(1);
    expect(choiceXmins).toEqual(ballotXmins);
    expect(participationXmins.map((r) => r.x)).not.toContain(ballotXmins[0]!.x);

    const ballots = await db.ballot.findMany({ where: { pollId: poll.id } });
    expect(ballots.every((b) => b.delegateId === null)).toBe(true);
    const participations = await db.participation.findMany({ where: { pollId: poll.id } });
    const ballotValues = new Set(ballots.flatMap((b) => [b.id, b.tracker]));
    for (const p of participations) {
      expect(ballotValues.has(p.keyHash)).toBe(false);
      expect(ballots.some((b) => b.tracker.includes(p.delegateId) || p.keyHash.includes(b.tracker.replaceAll("-", "")))).toBe(false);
    }
    // The audit chain records the close's seal, not trackers or choices.
    const audit = JSON.stringify(
      await db.auditLog.findMany({ where: { sessionId: f.session.id }, select: { action: true, data: true, entityId: true } }),
    );
    for (const t of trackers) expect(audit).not.toContain(t);
    // Nothing the app logged mentions a delegate together with a tracker or a choice.
    const text = logged.join("\n");
    for (const t of trackers) expect(text).not.toContain(t);
    for (const d of f.delegates) expect(text).not.toContain(d.id);
  });
});
