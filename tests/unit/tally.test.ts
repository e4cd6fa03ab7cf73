import { describe, expect, it } from "vitest";

import { isBallotValid, tally, type TallyBallot, type TallyPoll } from "~/server/domain/tally";

const equal = (over: Partial<TallyPoll> = {}): TallyPoll => ({
  kind: "EQUAL",
  seats: 3,
  basis: "ALL_DELEGATES",
  seated: 10,
  present: 8,
  ...over,
});
const competitive = (over: Partial<TallyPoll> = {}): TallyPoll => equal({ kind: "COMPETITIVE", ...over });

const ballot = (choices: Record<string, unknown>): TallyBallot => ({ choices });
const times = (n: number, choices: Record<string, unknown>): TallyBallot[] => Array.from({ length: n }, () => ballot({ ...choices }));
/** One FOR per ballot, so the ballots are valid in a competitive poll of any size. */
const forCounts = (counts: Record<string, number>): TallyBallot[] =>
  Object.entries(counts).flatMap(([id, n]) => times(n, Object.fromEntries([[id, "FOR"]])));

const byId = (result: ReturnType<typeof tally>) => Object.fromEntries(result.candidates.map((c) => [c.id, c]));

describe("pass threshold: FOR × 2 > basis", () => {
  it("ALL_DELEGATES uses seated; exactly half of seated fails", () => {
    // seated 10: 6 FOR passes, 5 FOR (exactly half) does not.
    const ballots = [...times(5, { a: "FOR", b: "FOR" }), ballot({ a: "FOR", b: "AGAINST" }), ...times(2, { a: "ABSTAIN", b: "ABSTAIN" })];
    const r = byId(tally(equal({ seated: 10, present: 8 }), ["a", "b"], ballots));
    expect(r.a).toMatchObject({ for: 6, against: 0, abstain: 2, passed: true, rank: 1, selected: true });
    expect(r.b).toMatchObject({ for: 5, against: 1, abstain: 2, passed: false, rank: null, selected: false });
  });

  it("PRESENT uses present; exactly half of present fails", () => {
    // present 8: 5 FOR passes (10 > 8), 4 FOR fails (8 > 8 is false), although 5 < half of seated 11.
    const ballots = [...times(4, { a: "FOR", b: "FOR" }), ballot({ a: "FOR", b: "AGAINST" })];
    const r = byId(tally(equal({ basis: "PRESENT", seated: 11, present: 8 }), ["a", "b"], ballots));
    expect(r.a?.passed).toBe(true);
    expect(r.b).toMatchObject({ for: 4, passed: false });
  });

  it("VALID_BALLOTS uses valid ballots only; invalid ballots do not raise the basis", () => {
    // 7 valid + 3 invalid: 4 FOR passes (8 > 7), 3 FOR fails (6 > 7 is false).
    const ballots = [
      ...times(3, { a: "FOR", b: "FOR" }),
      ballot({ a: "FOR", b: "AGAINST" }),
      ...times(3, { a: "AGAINST", b: "AGAINST" }),
      ...times(3, { a: "YES" }),
    ];
    const result = tally(equal({ basis: "VALID_BALLOTS" }), ["a", "b"], ballots);
    expect(result).toMatchObject({ valid: 7, invalid: 3 });
    expect(byId(result).a).toMatchObject({ for: 4, passed: true });
    expect(byId(result).b).toMatchObject({ for: 3, passed: false });
  });

  it("VALID_BALLOTS: exactly half of an even number of valid ballots fails", () => {
    const ballots = [...times(3, { a: "FOR" }), ...times(3, { a: "AGAINST" })];
    expect(byId(tally(equal({ basis: "VALID_BALLOTS" }), ["a"], ballots)).a).toMatchObject({ for: 3, passed: false, rank: null });
  });

  it("nothing passes with zero ballots, even on the VALID_BALLOTS basis (0 > 0 is false)", () => {
    const result = tally(equal({ basis: "VALID_BALLOTS" }), ["a", "b"], []);
    expect(result).toEqual({
      valid: 0,
      invalid: 0,
      candidates: [
        { id: "a", for: 0, against: 0, abstain: 0, passed: false, rank: null, selected: false },
        { id: "b", for: 0, against: 0, abstain: 0, passed: false, rank: null, selected: false },
      ],
      runoff: [],
      unfilled: 2,
    });
  });
});

describe("ballot validity", () => {
  const ids = new Set(["a", "b", "c"]);

  it("a ballot naming an unknown candidate is invalid and counts nothing", () => {
    expect(isBallotValid(equal(), ids, ballot({ a: "FOR", zzz: "FOR" }))).toBe(false);
    const result = tally(equal(), ["a", "b", "c"], [ballot({ a: "FOR", zzz: "FOR" }), ballot({ a: "AGAINST" })]);
    expect(result).toMatchObject({ valid: 1, invalid: 1 });
    expect(byId(result).a).toMatchObject({ for: 0, against: 1 });
  });

  it.each([["for"], ["YES"], [""], [null], [1], [true], [["FOR"]], [{}]])("choice %j is invalid", (choice) => {
    expect(isBallotValid(equal(), ids, ballot({ a: "FOR", b: choice }))).toBe(false);
  });

  it("choices that are not an object make the ballot invalid", () => {
    for (const choices of [null, "FOR", 3, ["FOR"]]) {
      expect(isBallotValid(equal(), ids, { choices } as unknown as TallyBallot)).toBe(false);
    }
  });

  it("COMPETITIVE: more FOR than seats is invalid (废票); exactly seats is valid", () => {
    const poll = competitive({ seats: 2 });
    expect(isBallotValid(poll, ids, ballot({ a: "FOR", b: "FOR", c: "FOR" }))).toBe(false);
    expect(isBallotValid(poll, ids, ballot({ a: "FOR", b: "FOR", c: "AGAINST" }))).toBe(true);
    // The limit is on FOR only.
    expect(isBallotValid(competitive({ seats: 1 }), ids, ballot({ a: "AGAINST", b: "ABSTAIN", c: "AGAINST" }))).toBe(true);
    const result = tally(poll, ["a", "b", "c"], [ballot({ a: "FOR", b: "FOR", c: "FOR" }), ballot({ a: "FOR", b: "FOR" })]);
    expect(result).toMatchObject({ valid: 1, invalid: 1 });
    expect(result.candidates.map((c) => c.for)).toEqual([1, 1, 0]);
  });

  it("EQUAL: FOR on every candidate is valid", () => {
    expect(isBallotValid(equal({ seats: 1 }), ids, ballot({ a: "FOR", b: "FOR", c: "FOR" }))).toBe(true);
  });

  it("a candidate missing from a valid ballot is not voted and counts in none of for/against/abstain", () => {
    const result = tally(equal(), ["a", "b", "c"], [ballot({ a: "FOR" }), ballot({ b: "ABSTAIN" }), ballot({})]);
    expect(result).toMatchObject({ valid: 3, invalid: 0 });
    expect(result.candidates.map(({ for: f, against, abstain }) => [f, against, abstain])).toEqual([
      [1, 0, 0],
      [0, 0, 1],
      [0, 0, 0],
    ]);
  });

  it('prototype keys are ordinary opaque ids: "__proto__" / "constructor" unknown → invalid, known → counted', () => {
    const unknownProto = JSON.parse('{"a":"FOR","__proto__":"FOR"}') as Record<string, unknown>;
    expect(isBallotValid(equal(), ids, ballot(unknownProto))).toBe(false);
    expect(isBallotValid(equal(), ids, ballot({ constructor: "FOR" }))).toBe(false);

    const weird = ["__proto__", "constructor", "toString", "hasOwnProperty"];
    const ballots = [
      ballot(JSON.parse('{"__proto__":"FOR","constructor":"AGAINST","toString":"ABSTAIN"}') as Record<string, unknown>),
      ballot(JSON.parse('{"__proto__":"FOR","hasOwnProperty":"FOR"}') as Record<string, unknown>),
    ];
    const result = tally(equal({ seated: 2 }), weird, ballots);
    expect(result.valid).toBe(2);
    expect(result.candidates.map((c) => [c.id, c.for, c.against, c.abstain])).toEqual([
      ["__proto__", 2, 0, 0],
      ["constructor", 0, 1, 0],
      ["toString", 0, 0, 1],
      ["hasOwnProperty", 1, 0, 0],
    ]);
  });

  it("inherited properties never count as votes", () => {
    const inherited = Object.create({ a: "FOR" }) as Record<string, unknown>;
    const result = tally(equal({ seated: 1 }), ["a"], [ballot(inherited)]);
    expect(result.valid).toBe(1);
    expect(result.candidates[0]).toMatchObject({ for: 0, passed: false });
  });
});

describe("rank", () => {
  it("is 1 + number of passed candidates with strictly more FOR; ties share a rank; null when not passed", () => {
    // seated 9: FOR ≥ 5 passes.
    const result = tally(equal({ seated: 9 }), ["a", "b", "c", "d", "e"], forCounts({ a: 5, b: 9, c: 7, d: 7, e: 4 }));
    expect(result.candidates.map((c) => [c.id, c.rank])).toEqual([
      ["a", 4],
      ["b", 1],
      ["c", 2],
      ["d", 2],
      ["e", null],
    ]);
  });
});

describe("selection", () => {
  const ids = ["a", "b", "c", "d", "e"];
  const selected = (result: ReturnType<typeof tally>) => result.candidates.filter((c) => c.selected).map((c) => c.id);

  it("EQUAL: every passed candidate is selected, whatever `seats` says", () => {
    const result = tally(equal({ seats: 1, seated: 9 }), ids, forCounts({ a: 9, b: 7, c: 7, d: 5, e: 4 }));
    expect(selected(result)).toEqual(["a", "b", "c", "d"]);
    expect(result.runoff).toEqual([]);
    expect(result.unfilled).toBe(1); // 5 candidates, 4 passed
  });

  it("COMPETITIVE: at most `seats` passed → all selected, unfilled slots reported", () => {
    const result = tally(competitive({ seats: 3, seated: 9 }), ids, forCounts({ a: 9, b: 4, c: 3, d: 5, e: 1 }));
    expect(selected(result)).toEqual(["a", "d"]);
    expect(result.runoff).toEqual([]);
    expect(result.unfilled).toBe(1);
  });

  it("COMPETITIVE: more passed than seats, no tie at the cut → the top `seats`", () => {
    const result = tally(competitive({ seats: 2, seated: 9 }), ids, forCounts({ a: 6, b: 9, c: 7, d: 5, e: 1 }));
    expect(selected(result)).toEqual(["b", "c"]);
    expect(result).toMatchObject({ runoff: [], unfilled: 0 });
  });

  it("COMPETITIVE: a tie at the cut that fits within seats → all tied selected", () => {
    // seats 3: 9, 7, 7 | 5 — cut = 7, above 1 + at cut 2 = 3 ≤ 3.
    const result = tally(competitive({ seats: 3, seated: 9 }), ids, forCounts({ a: 9, b: 7, c: 7, d: 5, e: 2 }));
    expect(selected(result)).toEqual(["a", "b", "c"]);
    expect(result).toMatchObject({ runoff: [], unfilled: 0 });
  });

  it("COMPETITIVE: a tie across the cut → none of the tied selected, all of them in runoff", () => {
    // seats 2: 9 | 7, 7 — cut = 7, above 1 + at cut 2 = 3 > 2.
    const result = tally(competitive({ seats: 2, seated: 9 }), ids, forCounts({ a: 9, b: 7, c: 7, d: 5, e: 2 }));
    expect(selected(result)).toEqual(["a"]);
    expect([...result.runoff].sort()).toEqual(["b", "c"]);
    expect(result.unfilled).toBe(0); // the slot is contested, not unfilled
    expect(byId(result).d).toMatchObject({ passed: true, rank: 4, selected: false });
  });

  it("COMPETITIVE: a tie at the top wider than the seats → nobody selected, all tied in runoff", () => {
    const result = tally(competitive({ seats: 2, seated: 9 }), ids, forCounts({ a: 6, b: 6, c: 6, d: 5, e: 1 }));
    expect(selected(result)).toEqual([]);
    expect([...result.runoff].sort()).toEqual(["a", "b", "c"]);
  });

  it("COMPETITIVE: candidates that did not pass never enter the runoff", () => {
    // seats 2, seated 9: a 9, b 9 pass and fill the seats; c, d tie at 4 but did not pass.
    const result = tally(competitive({ seats: 2, seated: 9 }), ids, forCounts({ a: 9, b: 9, c: 4, d: 4 }));
    expect(selected(result)).toEqual(["a", "b"]);
    expect(result.runoff).toEqual([]);
  });

  it("COMPETITIVE: nobody passes → every seat unfilled", () => {
    const result = tally(competitive({ seats: 3, seated: 9 }), ids, forCounts({ a: 4, b: 4 }));
    expect(selected(result)).toEqual([]);
    expect(result.unfilled).toBe(3);
  });
});

describe("shape and guards", () => {
  it("returns candidates in the order of candidateIds", () => {
    const result = tally(equal(), ["z", "a", "m"], []);
    expect(result.candidates.map((c) => c.id)).toEqual(["z", "a", "m"]);
  });

  it("rejects duplicate candidate ids and a competitive poll without seats", () => {
    expect(() => tally(equal(), ["a", "a"], [])).toThrow(/duplicate candidate id "a"/);
    expect(() => tally(competitive({ seats: 0 }), ["a"], [])).toThrow(RangeError);
  });

  // Speed is measured by `npm run bench` (tests/bench), never asserted here: this checks
  // only that a 100,000-ballot poll is counted completely.
  it("counts every one of 100,000 ballots × 15 candidates", () => {
    const ids = Array.from({ length: 15 }, (_, i) => `cand-${i}`);
    const choices = ["FOR", "AGAINST", "ABSTAIN"] as const;
    const ballots = Array.from({ length: 100_000 }, (_, n) => ({
      choices: Object.fromEntries(ids.filter((_, i) => (n + i) % 7 !== 0).map((id, i) => [id, choices[(n * 31 + i * 7) % 3]])),
    }));
    const result = tally(competitive({ seats: 12, seated: 100_000, present: 100_000 }), ids, ballots);
    expect(result.valid + result.invalid).toBe(100_000);
    for (const c of result.candidates) expect(c.for + c.against + c.abstain).toBeLessThanOrEqual(result.valid);
  });
});
