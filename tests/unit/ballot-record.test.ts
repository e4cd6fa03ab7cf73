import { readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";

import {
  BALLOT_RECORD_FORMAT,
  buildBallotRecord,
  parseBallotRecord,
  recountRecord,
  type BuildBallotRecordInput,
  type TBallotRecord,
} from "~/server/domain/ballot-record";
import { tally } from "~/server/domain/tally";

const AUDIT_HEAD = "a".repeat(64);

const input = (): BuildBallotRecordInput => ({
  poll: { id: "p1", title: "民生实事票决", kind: "COMPETITIVE", seats: 2, basis: "PRESENT", seated: 7, present: 5, issued: 5 },
  candidates: [
    { id: "c1", title: "加装电梯" },
    { id: "c2", title: "养老服务中心" },
    { id: "c3", title: "口袋公园" },
  ],
  ballots: [
    { tracker: "T-5", choices: { c1: "FOR", c2: "FOR", c3: "AGAINST" } },
    { tracker: "T-1", choices: { c1: "FOR", c3: "FOR" } },
    { tracker: "T-4", choices: { c1: "FOR", c2: "FOR", c3: "ABSTAIN" } },
    { tracker: "T-2", choices: { c1: "FOR", c2: "FOR", c3: "FOR" } }, // over-marked: invalid
    { tracker: "T-3", choices: { c1: "AGAINST", c2: "FOR", c3: "FOR" } },
  ],
  auditHead: AUDIT_HEAD,
});

/** A record as it would arrive from a file: plain JSON, free to be tampered with. */
const asJson = (record: TBallotRecord) => JSON.parse(JSON.stringify(record)) as TBallotRecord;
const reparse = (value: unknown): TBallotRecord => {
  const parsed = parseBallotRecord(value);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.record;
};

describe("buildBallotRecord", () => {
  it("assembles the published record with the tally of its own ballots", () => {
    const record = buildBallotRecord(input());
    expect(record.format).toBe(BALLOT_RECORD_FORMAT);
    expect(record.result).toEqual(tally(input().poll, ["c1", "c2", "c3"], input().ballots));
    // T-2 is over-marked. Present 5: passing needs FOR ≥ 3 — c1 3 and c2 3 pass, c3 2 fails.
    expect(record.result).toMatchObject({ valid: 4, invalid: 1, runoff: [], unfilled: 0 });
    expect(record.result.candidates.map((c) => [c.id, c.for, c.against, c.abstain, c.passed, c.rank, c.selected])).toEqual([
      ["c1", 3, 1, 0, true, 1, true],
      ["c2", 3, 0, 0, true, 1, true],
      ["c3", 2, 1, 1, false, null, false],
    ]);
  });

  it("publishes ballots sorted by tracker, never in cast order", () => {
    expect(buildBallotRecord(input()).ballots.map((b) => b.tracker)).toEqual(["T-1", "T-2", "T-3", "T-4", "T-5"]);
  });

  it("refuses to build a record the recount would reject", () => {
    const bad = input();
    bad.ballots = [...bad.ballots, { tracker: "T-1", choices: {} }];
    expect(() => buildBallotRecord(bad)).toThrow(/duplicate tracker/);
  });
});

describe("recountRecord", () => {
  it("a built record recounts to itself, also after a JSON round trip", () => {
    const record = buildBallotRecord(input());
    expect(recountRecord(record)).toMatchObject({ ok: true, differences: [] });
    expect(recountRecord(reparse(asJson(record)))).toMatchObject({ ok: true, differences: [] });
  });

  it("the sample fixture recounts without differences", () => {
    const json: unknown = JSON.parse(readFileSync(new URL("../fixtures/ballot-record-sample.json", import.meta.url), "utf8"));
    const outcome = recountRecord(reparse(json));
    expect(outcome.differences).toEqual([]);
    expect(outcome.recomputed.runoff.length).toBeGreaterThan(0); // the fixture shows a tie across the cut
  });

  it("changing one choice is reported field by field, recomputed value first", () => {
    const record = asJson(buildBallotRecord(input()));
    record.ballots[0]!.choices.c3 = "AGAINST"; // T-1 had c3 FOR
    const outcome = recountRecord(reparse(record));
    expect(outcome.ok).toBe(false);
    expect(outcome.differences).toEqual(['candidate "c3": for 1 ≠ 2 (file)', 'candidate "c3": against 2 ≠ 1 (file)']);
  });

  it("a tampered choice that makes the ballot invalid changes valid/invalid and the counts", () => {
    const record = asJson(buildBallotRecord(input()));
    record.ballots[0]!.choices.c1 = "YES"; // T-1 becomes invalid, and c1 falls below the threshold
    const outcome = recountRecord(reparse(record));
    expect(outcome.differences).toEqual([
      "valid 3 ≠ 4 (file)",
      "invalid 2 ≠ 1 (file)",
      "unfilled 1 ≠ 0 (file)",
      'candidate "c1": for 2 ≠ 3 (file)',
      'candidate "c1": passed false ≠ true (file)',
      'candidate "c1": rank null ≠ 1 (file)',
      'candidate "c1": selected false ≠ true (file)',
      'candidate "c3": for 1 ≠ 2 (file)',
    ]);
  });

  it("compares the result fields: counts, passed, rank, selected, unfilled", () => {
    const record = asJson(buildBallotRecord(input()));
    Object.assign(record.result.candidates[1]!, { for: 4, passed: false, rank: null, selected: false });
    record.result.unfilled = 1;
    expect(recountRecord(reparse(record)).differences).toEqual([
      "unfilled 0 ≠ 1 (file)",
      'candidate "c2": for 3 ≠ 4 (file)',
      'candidate "c2": passed true ≠ false (file)',
      'candidate "c2": rank 1 ≠ null (file)',
      'candidate "c2": selected true ≠ false (file)',
    ]);
  });

  it("compares the runoff as a set", () => {
    const record = asJson(buildBallotRecord(input()));
    record.result.runoff = ["c2"];
    expect(recountRecord(reparse(record)).differences).toEqual(['runoff [] ≠ ["c2"] (file)']);

    const sample = JSON.parse(readFileSync(new URL("../fixtures/ballot-record-sample.json", import.meta.url), "utf8")) as TBallotRecord;
    sample.result.runoff.reverse();
    expect(recountRecord(reparse(sample)).ok).toBe(true);
  });

  it("reports candidates missing from or extra in the result, whatever the order of the result", () => {
    const record = asJson(buildBallotRecord(input()));
    const [c1, , c3] = record.result.candidates;
    record.result.candidates = [c3!, { ...c1!, id: "ghost" }, c1!];
    expect(recountRecord(reparse(record)).differences).toEqual([
      'candidate "c2": missing from the file\'s result',
      'candidate "ghost": in the file\'s result but not a candidate',
    ]);
  });

  it('treats ids as opaque: "__proto__" works as a candidate id and as an unknown key', () => {
    const text = JSON.stringify({
      format: BALLOT_RECORD_FORMAT,
      poll: { id: "p", title: "t", kind: "EQUAL", seats: 1, basis: "ALL_DELEGATES", seated: 3, present: 3, issued: 3 },
      candidates: [{ id: "__proto__", title: "odd id" }],
      ballots: [
        { tracker: "a", choices: { PROTO: "FOR" } },
        { tracker: "b", choices: { PROTO: "FOR" } },
        { tracker: "c", choices: { PROTO: "AGAINST", constructor: "FOR" } }, // unknown id → invalid
      ],
      result: {
        valid: 2,
        invalid: 1,
        candidates: [{ id: "__proto__", for: 2, against: 0, abstain: 0, passed: true, rank: 1, selected: true }],
        runoff: [],
        unfilled: 0,
      },
      auditHead: AUDIT_HEAD,
    }).replaceAll('"PROTO"', '"__proto__"');
    const outcome = recountRecord(reparse(JSON.parse(text)));
    expect(outcome.differences).toEqual([]);
    expect(outcome.recomputed.candidates[0]).toMatchObject({ id: "__proto__", for: 2 });
  });
});

describe("parseBallotRecord rejects what is not a valid record", () => {
  // Each mutation starts from a valid record and returns `unknown`, so it may break the document anywhere.
  const valid = (): TBallotRecord => asJson(buildBallotRecord(input()));

  it("accepts a well-formed record", () => {
    expect(parseBallotRecord(valid()).ok).toBe(true);
  });

  it.each<[string, (r: TBallotRecord) => unknown, RegExp]>([
    ["not an object", () => [], /\(record\)/],
    ["wrong format", (r) => ({ ...r, format: "minsheng-ballot-record/2" }), /^format:/m],
    ["missing result", ({ result: _omit, ...r }) => r, /^result:/m],
    ["no candidates", (r) => ({ ...r, candidates: [] }), /^candidates:/m],
    [
      "duplicate candidate ids",
      (r) => ({ ...r, candidates: [...r.candidates, { id: "c1", title: "again" }] }),
      /candidates\[3\]: duplicate candidate id "c1"/,
    ],
    [
      "duplicate trackers",
      (r) => ({ ...r, ballots: [...r.ballots.slice(0, 4), { ...r.ballots[0], choices: {} }] }),
      /ballots\[4\]: duplicate tracker "T-1"/,
    ],
    [
      "duplicate result candidates",
      (r) => ({ ...r, result: { ...r.result, candidates: [...r.result.candidates, r.result.candidates[0]] } }),
      /result\.candidates\[3\]: duplicate/,
    ],
    ["seats < 1", (r) => ({ ...r, poll: { ...r.poll, seats: 0 } }), /^poll\.seats:/m],
    ["fractional seats", (r) => ({ ...r, poll: { ...r.poll, seats: 1.5 } }), /^poll\.seats:/m],
    ["negative seated", (r) => ({ ...r, poll: { ...r.poll, seated: -1 } }), /^poll\.seated:/m],
    ["unknown kind", (r) => ({ ...r, poll: { ...r.poll, kind: "RANKED" } }), /^poll\.kind:/m],
    ["unknown basis", (r) => ({ ...r, poll: { ...r.poll, basis: "HALF" } }), /^poll\.basis:/m],
    ["present > seated", (r) => ({ ...r, poll: { ...r.poll, present: 8 } }), /^poll\.present: present \(8\) exceeds seated \(7\)/m],
    [
      "more ballots than issued",
      (r) => ({ ...r, poll: { ...r.poll, issued: 4 } }),
      /^ballots: 5 ballots returned but only 4 issued: the poll is void/m,
    ],
    ["negative count in result", (r) => ({ ...r, result: { ...r.result, invalid: -1 } }), /^result\.invalid:/m],
    [
      "rank 0",
      (r) => ({ ...r, result: { ...r.result, candidates: [{ ...r.result.candidates[0], rank: 0 }] } }),
      /^result\.candidates\[0\]\.rank:/m,
    ],
    [
      "non-string choice",
      (r) => ({ ...r, ballots: [{ tracker: "x", choices: { c1: 1 } }] }),
      /^ballots\[0\]\.choices: expected an object/m,
    ],
    ["choices as an array", (r) => ({ ...r, ballots: [{ tracker: "x", choices: ["FOR"] }] }), /^ballots\[0\]\.choices:/m],
    ["auditHead not a SHA-256", (r) => ({ ...r, auditHead: "abc" }), /^auditHead: expected a hex SHA-256/m],
  ])("%s", (_name, mutate, message) => {
    const parsed = parseBallotRecord(mutate(valid()));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(message);
  });
});
