import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { passOutlook, type CloseTurnout } from "~/server/domain/pass-outlook";
import { BASES, tally, type Basis, type PollKind, type TallyBallot } from "~/server/domain/tally";

const equal = (over: Partial<CloseTurnout> = {}): CloseTurnout => ({
  kind: "EQUAL",
  seats: 12,
  candidates: 12,
  basis: "ALL_DELEGATES",
  seated: 280,
  present: 196,
  issued: 196,
  returned: 196,
  ...over,
});

describe("passOutlook: what turnout leaves possible before a close", () => {
  it("the hall's case: 64 of 196 ballots in, 141 赞成 needed of 280 seated → nothing can pass, waiting could fix it", () => {
    const o = passOutlook(equal({ returned: 64 }));
    expect(o).toMatchObject({
      verdict: "NONE_CAN_PASS",
      basisCount: 280,
      needed: 141,
      slots: 12,
      maxPassing: 0,
      maxPassingIfAllReturned: 12,
      outstanding: 132,
    });
  });

  it("the threshold is strictly more than half: 140 of 280 is not enough, 141 is", () => {
    expect(passOutlook(equal({ returned: 140 })).verdict).toBe("NONE_CAN_PASS");
    expect(passOutlook(equal({ returned: 141 })).maxPassing).toBe(12);
    // An odd basis: 281 seated → 141 needed as well (140.5 rounded up past the half).
    expect(passOutlook(equal({ seated: 281, returned: 141 })).needed).toBe(141);
  });

  it("unlikely when passing needs 赞成 on more than nine in ten returned ballots", () => {
    // 141 of 156 = 90.4 % → unlikely; 141 of 157 = 89.8 % → possible.
    expect(passOutlook(equal({ returned: 156 }))).toMatchObject({ verdict: "UNLIKELY", neededPercent: 91 });
    expect(passOutlook(equal({ returned: 157 })).verdict).toBe("POSSIBLE");
    // Exactly nine in ten is not "more than": 9 needed (16 seated) of 10 returned.
    expect(passOutlook(equal({ seated: 16, present: 16, issued: 16, returned: 10 })).verdict).toBe("POSSIBLE");
    expect(passOutlook(equal({ seated: 16, present: 16, issued: 16, returned: 9 })).verdict).toBe("UNLIKELY");
  });

  it("PRESENT counts those present when the poll opened, not the seated", () => {
    const o = passOutlook(equal({ basis: "PRESENT", present: 196, issued: 200, returned: 98 }));
    expect(o).toMatchObject({ verdict: "NONE_CAN_PASS", basisCount: 196, needed: 99, outstanding: 102 });
    expect(passOutlook(equal({ basis: "PRESENT", present: 196, issued: 200, returned: 150 })).verdict).toBe("POSSIBLE");
  });

  it("VALID_BALLOTS: any returned ballot can pass every candidate; none returned passes none", () => {
    expect(passOutlook(equal({ basis: "VALID_BALLOTS", returned: 1 }))).toMatchObject({
      verdict: "POSSIBLE",
      needed: null,
      basisCount: null,
      neededPercent: null,
      maxPassing: 12,
    });
    expect(passOutlook(equal({ basis: "VALID_BALLOTS", returned: 0 })).verdict).toBe("NONE_CAN_PASS");
  });

  it("差额: each ballot marks at most `seats` 赞成, yet whenever one candidate can pass, every slot can be filled", () => {
    // 15 candidates for 12 slots, 141 needed: 150 ballots hold at most 1,800 赞成 → 12 passes (12 × 141 = 1,692).
    const base: Partial<CloseTurnout> = { kind: "COMPETITIVE", seats: 12, candidates: 15 };
    expect(passOutlook(equal({ ...base, returned: 160 })).verdict).toBe("POSSIBLE");
    expect(passOutlook(equal({ ...base, returned: 150 })).verdict).toBe("UNLIKELY");
    // 3 slots of 5, 10 seated → 6 needed: 6 ballots × 3 = 18 赞成 → 3 pass, but only if all six say 赞成.
    const small: Partial<CloseTurnout> = { kind: "COMPETITIVE", seats: 3, candidates: 5, seated: 10, present: 10, issued: 10 };
    expect(passOutlook(equal({ ...small, returned: 6 }))).toMatchObject({ verdict: "UNLIKELY", maxPassing: 3, slots: 3 });
    expect(passOutlook(equal({ ...small, returned: 7 }))).toMatchObject({ verdict: "POSSIBLE", maxPassing: 3 });
    expect(passOutlook(equal({ ...small, returned: 5 })).verdict).toBe("NONE_CAN_PASS");
    // 8 ballots × 3 = 24 赞成 → 4 of the 5 can pass the threshold (more than the slots: a cut-off decides).
    expect(passOutlook(equal({ ...small, returned: 8 })).maxPassing).toBe(4);
  });

  it("says when even every issued ballot could not pass anything", () => {
    const o = passOutlook(equal({ seated: 300, present: 140, issued: 140, returned: 120 }));
    expect(o).toMatchObject({ verdict: "NONE_CAN_PASS", needed: 151, maxPassingIfAllReturned: 0, outstanding: 20 });
  });

  it("refuses counts that are not counts", () => {
    expect(() => passOutlook(equal({ returned: -1 }))).toThrow(RangeError);
    expect(() => passOutlook(equal({ seated: 1.5 }))).toThrow(RangeError);
    expect(() => passOutlook(equal({ candidates: 0 }))).toThrow(RangeError);
    expect(() => passOutlook(equal({ kind: "COMPETITIVE", seats: 0 }))).toThrow(RangeError);
  });
});

/**
 * The law: `maxPassing` is exactly the most candidates the one tally can pass on `returned`
 * valid ballots, found by trying every possible set of ballots on small polls. Only whether
 * a ballot says 赞成 matters for passing, so a ballot is a set of candidates it says 赞成 to.
 */
describe("passOutlook agrees with the tally on every small poll", () => {
  function subsets(n: number, max: number): string[][] {
    const out: string[][] = [];
    for (let mask = 0; mask < 1 << n; mask++) {
      const s = Array.from({ length: n }, (_, i) => i).filter((i) => mask & (1 << i));
      if (s.length <= max) out.push(s.map((i) => `c${i}`));
    }
    return out;
  }
  /** Every multiset of `size` ballots from `kinds`, by non-decreasing index. */
  function* multisets(kinds: number, size: number, from = 0): Generator<number[]> {
    if (size === 0) return yield [];
    for (let k = from; k < kinds; k++) for (const rest of multisets(kinds, size - 1, k)) yield [k, ...rest];
  }
  function bruteMaxPassing(kind: PollKind, candidates: number, seats: number, basis: Basis, basisCount: number, returned: number) {
    const ids = Array.from({ length: candidates }, (_, i) => `c${i}`);
    const marks = subsets(candidates, kind === "EQUAL" ? candidates : seats);
    const ballotOf = (s: string[]): TallyBallot => ({
      choices: Object.fromEntries(ids.map((id) => [id, s.includes(id) ? "FOR" : "AGAINST"])),
    });
    let best = 0;
    for (const pick of multisets(marks.length, returned)) {
      const r = tally(
        { kind, seats, basis, seated: basisCount, present: basisCount },
        ids,
        pick.map((i) => ballotOf(marks[i]!)),
      );
      best = Math.max(best, r.candidates.filter((c) => c.passed).length);
    }
    return best;
  }

  const shapes: { kind: PollKind; candidates: number; seats: number }[] = [
    { kind: "EQUAL", candidates: 1, seats: 1 },
    { kind: "EQUAL", candidates: 3, seats: 3 },
    { kind: "COMPETITIVE", candidates: 2, seats: 1 },
    { kind: "COMPETITIVE", candidates: 3, seats: 1 },
    { kind: "COMPETITIVE", candidates: 3, seats: 2 },
  ];
  for (const shape of shapes) {
    for (const basis of BASES) {
      it(`${shape.kind} ${shape.seats} of ${shape.candidates}, basis ${basis}`, () => {
        for (let basisCount = 0; basisCount <= 8; basisCount++) {
          for (let returned = 0; returned <= 5; returned++) {
            const o = passOutlook({ ...shape, basis, seated: basisCount, present: basisCount, issued: 8, returned });
            const brute = bruteMaxPassing(shape.kind, shape.candidates, shape.seats, basis, basisCount, returned);
            expect(o.maxPassing, JSON.stringify({ basisCount, returned })).toBe(brute);
            expect(o.verdict === "NONE_CAN_PASS").toBe(brute === 0);
            // One can pass ⇔ every slot can be filled.
            expect(brute === 0 || brute >= o.slots).toBe(true);
          }
        }
      });
    }
  }

  it("more ballots never make the outlook worse", () => {
    const rank = { NONE_CAN_PASS: 0, UNLIKELY: 1, POSSIBLE: 2 } as const;
    fc.assert(
      fc.property(
        fc.record({
          kind: fc.constantFrom<PollKind>("EQUAL", "COMPETITIVE"),
          candidates: fc.integer({ min: 2, max: 20 }),
          basis: fc.constantFrom(...BASES),
          seated: fc.integer({ min: 0, max: 600 }),
          returned: fc.integer({ min: 0, max: 600 }),
          more: fc.integer({ min: 1, max: 100 }),
        }),
        fc.integer({ min: 1, max: 19 }),
        ({ kind, candidates, basis, seated, returned, more }, seatsRaw) => {
          const seats = Math.min(seatsRaw, candidates - 1);
          const t = { kind, candidates, seats, basis, seated, present: seated, issued: 700 };
          const before = passOutlook({ ...t, returned });
          const after = passOutlook({ ...t, returned: returned + more });
          expect(rank[after.verdict]).toBeGreaterThanOrEqual(rank[before.verdict]);
          // Slots that can be filled never shrink. (How many can reach the threshold may: under
          // VALID_BALLOTS the need grows with the ballots — 3 ballots × 4 赞成 over a need of 2
          // reach 6 candidates, 4 ballots over a need of 3 only 5 — but never below the slots.)
          expect(Math.min(after.maxPassing, after.slots)).toBeGreaterThanOrEqual(Math.min(before.maxPassing, before.slots));
          expect(before.maxPassingIfAllReturned).toBeGreaterThanOrEqual(before.maxPassing);
        },
      ),
      // A case random runs once found: VALID_BALLOTS, where the need grows with the ballots.
      { examples: [[{ kind: "COMPETITIVE", candidates: 6, basis: "VALID_BALLOTS", seated: 0, returned: 3, more: 1 }, 4]] },
    );
  });
});
