import { describe, expect, it } from "vitest";
import { readSavedRating } from "~/components/projects/rating-ballot/saved-rating";
import {
  abandonedChange,
  afterFinalRefusal,
  backToDraft,
  changeOf,
  frozen,
  newIdempotencyKey,
  receiptFor,
  readSubmission,
  withChoice,
  type Draft,
} from "~/components/submission/submission-record";
import { retryDelay } from "~/components/submission/use-durable-submission";
import { ZIdempotencyKey } from "~/lib/schemas/vote";
import { isChoice, type TChoice } from "~/lib/vote-choices";

const KEY = "a".repeat(32);
const OTHER = "b".repeat(32);
const fresh = () => OTHER;
const readSaved = (raw: unknown) => readSubmission(raw, isChoice);

describe("what the phone keeps for one submission", () => {
  it("starts a draft under a fresh key at the first tap and keeps that key for every later tap", () => {
    const first = withChoice<TChoice>(null, "p1", "FOR", () => KEY);
    expect(first).toEqual({ v: 1, stage: "draft", key: KEY, choices: { p1: "FOR" } });
    const second = withChoice(first, "p2", "AGAINST", fresh);
    const changed = withChoice(second, "p1", "ABSTAIN", fresh);
    expect(changed).toEqual({ v: 1, stage: "draft", key: KEY, choices: { p1: "ABSTAIN", p2: "AGAINST" } });
  });

  it("freezes key and choices when confirmed, and keeps them through a refusal that sends the delegate back", () => {
    const draft: Draft<TChoice> = { v: 1, stage: "draft", key: KEY, choices: { p1: "FOR" } };
    const sending = frozen(draft);
    expect(sending).toEqual({ ...draft, stage: "sending" });
    // Same key: the server stored nothing under it, and a resend must never be a second ballot.
    expect(backToDraft(sending)).toEqual(draft);
  });

  it("keeps only the receipt code once answered, never how its owner voted", () => {
    const done = receiptFor(frozen({ v: 1, stage: "draft", key: KEY, choices: { p1: "FOR" } }), "AAAA-BBBB-CC");
    expect(done).toEqual({ v: 1, stage: "done", key: KEY, tracker: "AAAA-BBBB-CC" });
    expect(JSON.stringify(done)).not.toContain("FOR");
  });

  it("drops a submission refused for good, or falls back to the ballot a change would have replaced", () => {
    expect(afterFinalRefusal(frozen<TChoice>({ v: 1, stage: "draft", key: KEY, choices: { p1: "FOR" } }))).toBeNull();
    const change = changeOf<TChoice>({ v: 1, stage: "done", key: KEY, tracker: "AAAA-BBBB-CC" }, fresh);
    expect(change).toEqual({ v: 1, stage: "draft", key: OTHER, choices: {}, replaces: { key: KEY, tracker: "AAAA-BBBB-CC" } });
    const marked = withChoice(change, "p1", "AGAINST", () => "unused-key-unused-key");
    expect(marked.replaces).toEqual({ key: KEY, tracker: "AAAA-BBBB-CC" });
    expect(afterFinalRefusal(frozen(marked))).toEqual({ v: 1, stage: "done", key: KEY, tracker: "AAAA-BBBB-CC" });
    expect(abandonedChange(marked)).toEqual({ v: 1, stage: "done", key: KEY, tracker: "AAAA-BBBB-CC" });
    const plain: Draft<TChoice> = { v: 1, stage: "draft", key: KEY, choices: {} };
    expect(abandonedChange(plain)).toBe(plain);
  });

  it("reads back each stage as written and nothing else", () => {
    const stages = [
      { v: 1, stage: "draft", key: KEY, choices: { p1: "FOR" } },
      { v: 1, stage: "sending", key: KEY, choices: { p1: "FOR" }, replaces: { key: OTHER, tracker: "X" } },
      { v: 1, stage: "done", key: KEY, tracker: "AAAA-BBBB-CC" },
    ];
    for (const s of stages) expect(readSaved(JSON.parse(JSON.stringify(s)))).toEqual(s);
    for (const bad of [
      null,
      "draft",
      { v: 2, stage: "draft", key: KEY, choices: {} },
      { v: 1, stage: "sending", key: "short", choices: {} },
      { v: 1, stage: "draft", key: KEY, choices: { p1: "YES" } },
      { v: 1, stage: "done", key: KEY },
      { v: 1, stage: "done", key: KEY, tracker: "" },
      { v: 1, stage: "draft", key: KEY, choices: [] },
      { v: 1, stage: "draft", key: KEY, choices: {}, replaces: { key: "short", tracker: "X" } },
      { v: 1, stage: "sending", key: KEY, choices: {}, replaces: null },
    ]) {
      expect(readSaved(bad), JSON.stringify(bad)).toBeNull();
    }
  });

  it("reads a rating kept in the earlier form, so a phone mid-round keeps its key and receipt code", () => {
    expect(readSavedRating({ v: 1, stage: "sending", key: KEY, grades: { p1: "BASIC" } })).toEqual({
      v: 1,
      stage: "sending",
      key: KEY,
      choices: { p1: "BASIC" },
    });
    expect(readSavedRating({ v: 1, stage: "done", key: KEY, receipt: "0123456789AB" })).toEqual({
      v: 1,
      stage: "done",
      key: KEY,
      tracker: "0123456789AB",
    });
    expect(readSavedRating({ v: 1, stage: "draft", key: KEY, choices: { p1: "SATISFIED" } })).toEqual({
      v: 1,
      stage: "draft",
      key: KEY,
      choices: { p1: "SATISFIED" },
    });
    expect(readSavedRating({ v: 1, stage: "draft", key: KEY, choices: { p1: "FOR" } })).toBeNull();
  });

  it("makes keys the server accepts, each new", () => {
    const keys = new Set(Array.from({ length: 100 }, newIdempotencyKey));
    expect(keys.size).toBe(100);
    for (const k of keys) expect(ZIdempotencyKey.safeParse(k).success, k).toBe(true);
  });

  it("spreads retries (full jitter) and caps the wait", () => {
    for (let attempt = 0; attempt < 12; attempt++) {
      const ceiling = Math.min(1_000 * 2 ** attempt, 15_000);
      for (let i = 0; i < 50; i++) {
        const d = retryDelay(attempt);
        expect(d).toBeGreaterThanOrEqual(ceiling / 2);
        expect(d).toBeLessThanOrEqual(ceiling);
      }
    }
  });
});
