import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { BASES, isBallotValid, POLL_KINDS, tally, type TallyBallot, type TallyPoll } from "~/server/domain/tally";

// Ids include prototype names and odd strings: the laws must hold for opaque ids.
const ID_POOL = ["c1", "c2", "c3", "c4", "c5", "c6", "__proto__", "constructor", "", "项目 7"];
const VALID_CHOICES = ["FOR", "AGAINST", "ABSTAIN"];

const arbCase = fc
  .record({
    candidateIds: fc.uniqueArray(fc.constantFrom(...ID_POOL), { minLength: 1, maxLength: ID_POOL.length }),
    kind: fc.constantFrom(...POLL_KINDS),
    basis: fc.constantFrom(...BASES),
  })
  .chain(({ candidateIds, kind, basis }) => {
    const n = candidateIds.length;
    // Fewer seats than candidates, as in a real 差额 slate, so that cut-offs and ties occur.
    const arbSeats = fc.integer({ min: 1, max: Math.max(1, n - 1) });
    return arbSeats.chain((seats) => {
      // Most ballots mark as many FOR as allowed, on random candidates, so FOR counts
      // cross the threshold and collide into ties; a few over-mark a competitive ballot,
      // name an unknown id or hold a malformed choice, so invalid ballots occur too.
      const limit = kind === "COMPETITIVE" ? Math.min(seats, n) : n;
      const arbForCount = fc.oneof(
        { weight: 5, arbitrary: fc.constant(limit) },
        { weight: 4, arbitrary: fc.integer({ min: 0, max: limit }) },
        { weight: 1, arbitrary: fc.constant(Math.min(limit + 1, n)) },
      );
      const arbBallot = arbForCount
        .chain((k) =>
          fc.record({
            forIds: fc.shuffledSubarray(candidateIds, { minLength: k, maxLength: k }),
            others: fc.array(fc.constantFrom("AGAINST", "ABSTAIN", null), { minLength: n, maxLength: n }),
            corruption: fc.oneof(
              { weight: 20, arbitrary: fc.constant(null) },
              { weight: 1, arbitrary: fc.constant(["unknown", "FOR"] as const) },
              { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...candidateIds), fc.constantFrom("for", "YES", "")) },
            ),
          }),
        )
        .map(({ forIds, others, corruption }): TallyBallot => {
          const forSet = new Set(forIds);
          const entries: (readonly [string, string])[] = [];
          candidateIds.forEach((id, i) => {
            const mark = forSet.has(id) ? "FOR" : others[i]; // null: not voted
            if (mark) entries.push([id, mark]);
          });
          if (corruption) entries.push(corruption);
          // fromEntries defines own properties, so a "__proto__" id is data as in a parsed file.
          return { choices: Object.fromEntries(entries) };
        });
      // Thresholds on either side of the FOR counts: seated and present range around the
      // number of ballots (the tally itself does not care whether turnout is realistic).
      return fc.array(arbBallot, { maxLength: 40 }).chain((ballots) =>
        fc.integer({ min: 0, max: ballots.length + 4 }).chain((seated) =>
          fc.integer({ min: 0, max: seated }).map((present) => ({
            poll: { kind, basis, seats, seated, present } satisfies TallyPoll,
            candidateIds,
            ballots,
          })),
        ),
      );
    });
  });

/** An independent, naive reading of the validity rule (tally.ts) to check the tally against. */
const referenceValid = (poll: TallyPoll, candidateIds: readonly string[], ballot: TallyBallot) => {
  const entries = Object.entries(ballot.choices);
  return (
    entries.every(([id, choice]) => candidateIds.includes(id) && VALID_CHOICES.includes(choice as string)) &&
    (poll.kind === "EQUAL" || entries.filter(([, choice]) => choice === "FOR").length <= poll.seats)
  );
};

const run = (law: (c: { poll: TallyPoll; candidateIds: string[]; ballots: TallyBallot[] }) => void) =>
  fc.assert(fc.property(arbCase, law), { numRuns: 400 });

describe("tally laws", () => {
  it("valid + invalid = number of ballots", () => {
    run(({ poll, candidateIds, ballots }) => {
      const r = tally(poll, candidateIds, ballots);
      expect(r.valid + r.invalid).toBe(ballots.length);
      const valid = ballots.filter((b) => referenceValid(poll, candidateIds, b));
      expect(r.valid).toBe(valid.length);
      for (const b of ballots) expect(isBallotValid(poll, new Set(candidateIds), b)).toBe(referenceValid(poll, candidateIds, b));
    });
  });

  it("per candidate: for + against + abstain = valid − not voted (≤ valid)", () => {
    run(({ poll, candidateIds, ballots }) => {
      const r = tally(poll, candidateIds, ballots);
      const valid = ballots.filter((b) => referenceValid(poll, candidateIds, b));
      for (const c of r.candidates) {
        const notVoted = valid.filter((b) => !Object.hasOwn(b.choices, c.id)).length;
        expect(c.for + c.against + c.abstain).toBe(r.valid - notVoted);
        expect(c.for + c.against + c.abstain).toBeLessThanOrEqual(r.valid);
      }
    });
  });

  it("passed ⇔ FOR × 2 > basis", () => {
    run(({ poll, candidateIds, ballots }) => {
      const r = tally(poll, candidateIds, ballots);
      const basis = { ALL_DELEGATES: poll.seated, PRESENT: poll.present, VALID_BALLOTS: r.valid }[poll.basis];
      for (const c of r.candidates) expect(c.passed).toBe(c.for * 2 > basis);
    });
  });

  it("selected ⊆ passed, runoff ⊆ passed ∖ selected, and selected ≤ seats", () => {
    run(({ poll, candidateIds, ballots }) => {
      const r = tally(poll, candidateIds, ballots);
      const byId = new Map(r.candidates.map((c) => [c.id, c]));
      const selected = r.candidates.filter((c) => c.selected);
      for (const c of selected) expect(c.passed).toBe(true);
      for (const id of r.runoff) expect(byId.get(id)).toMatchObject({ passed: true, selected: false });
      const slots = poll.kind === "EQUAL" ? candidateIds.length : poll.seats;
      expect(selected.length).toBeLessThanOrEqual(slots);
      if (poll.kind === "EQUAL") expect(selected.length).toBe(r.candidates.filter((c) => c.passed).length);
    });
  });

  it("runoff is non-empty only when more candidates passed than seats, and then it is needed", () => {
    run(({ poll, candidateIds, ballots }) => {
      const r = tally(poll, candidateIds, ballots);
      const passed = r.candidates.filter((c) => c.passed).length;
      const selected = r.candidates.filter((c) => c.selected).length;
      if (r.runoff.length > 0) {
        expect(poll.kind).toBe("COMPETITIVE");
        expect(passed).toBeGreaterThan(poll.seats);
        // The tied group could not all fit, so the system left the seats to a run-off.
        expect(selected + r.runoff.length).toBeGreaterThan(poll.seats);
        expect(selected).toBeLessThan(poll.seats);
        // Everyone in the runoff has the same FOR.
        expect(new Set(r.runoff.map((id) => r.candidates.find((c) => c.id === id)?.for)).size).toBe(1);
      } else if (poll.kind === "COMPETITIVE") {
        expect(selected + r.unfilled).toBe(poll.seats);
      }
    });
  });

  it("unfilled = max(0, slots − passed)", () => {
    run(({ poll, candidateIds, ballots }) => {
      const r = tally(poll, candidateIds, ballots);
      const slots = poll.kind === "EQUAL" ? candidateIds.length : poll.seats;
      expect(r.unfilled).toBe(Math.max(0, slots - r.candidates.filter((c) => c.passed).length));
    });
  });

  it("ranks follow FOR order among passed candidates", () => {
    run(({ poll, candidateIds, ballots }) => {
      const r = tally(poll, candidateIds, ballots);
      const passed = r.candidates.filter((c) => c.passed);
      for (const c of r.candidates) expect(c.rank === null).toBe(!c.passed);
      for (const a of passed) {
        expect(a.rank).toBe(1 + passed.filter((b) => b.for > a.for).length);
        for (const b of passed) {
          if (a.for > b.for) expect(a.rank!).toBeLessThan(b.rank!);
          if (a.for === b.for) expect(a.rank).toBe(b.rank);
        }
      }
    });
  });

  it("permuting the ballots or the candidates does not change the result", () => {
    fc.assert(
      fc.property(
        arbCase.chain((c) =>
          fc.record({
            c: fc.constant(c),
            ballots: fc.shuffledSubarray(c.ballots, { minLength: c.ballots.length }),
            candidateIds: fc.shuffledSubarray(c.candidateIds, { minLength: c.candidateIds.length }),
          }),
        ),
        ({ c, ballots, candidateIds }) => {
          const original = tally(c.poll, c.candidateIds, c.ballots);
          const permuted = tally(c.poll, candidateIds, ballots);
          const sortById = (r: typeof original) => [...r.candidates].sort((x, y) => (x.id < y.id ? -1 : 1));
          expect(sortById(permuted)).toEqual(sortById(original));
          expect([...permuted.runoff].sort()).toEqual([...original.runoff].sort());
          expect({ ...permuted, candidates: [], runoff: [] }).toEqual({ ...original, candidates: [], runoff: [] });
        },
      ),
      { numRuns: 300 },
    );
  });

  it("well-formed ballots are always valid in an EQUAL poll", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...ID_POOL), { minLength: 1 }).chain((ids) =>
          fc.record({
            ids: fc.constant(ids),
            choices: fc.dictionary(fc.constantFrom(...ids), fc.constantFrom(...VALID_CHOICES)),
          }),
        ),
        ({ ids, choices }) => {
          const poll: TallyPoll = { kind: "EQUAL", seats: 1, basis: "VALID_BALLOTS", seated: 0, present: 0 };
          expect(isBallotValid(poll, new Set(ids), { choices })).toBe(true);
        },
      ),
    );
  });
});

describe("the generator", () => {
  it("exercises runoffs, unfilled seats and invalid ballots (otherwise the laws above prove little)", () => {
    const results = fc.sample(arbCase, { numRuns: 400, seed: 1 }).map((c) => ({ c, r: tally(c.poll, c.candidateIds, c.ballots) }));
    expect(results.filter(({ r }) => r.runoff.length > 0).length).toBeGreaterThan(10);
    expect(results.filter(({ r }) => r.unfilled > 0).length).toBeGreaterThan(10);
    expect(results.filter(({ r }) => r.invalid > 0).length).toBeGreaterThan(10);
    expect(results.filter(({ c, r }) => c.poll.kind === "COMPETITIVE" && r.runoff.length === 0 && r.unfilled === 0).length).toBeGreaterThan(
      10,
    );
  });
});
