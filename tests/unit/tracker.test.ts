import { randomUUID } from "node:crypto";

import { describe, expect, it } from "vitest";

import {
  ballotTracker,
  canonicalBallot,
  idempotencyKeyHash,
  MIN_IDEMPOTENCY_KEY_LENGTH,
  nonceFromKey,
  normalizeTracker,
} from "~/server/domain/tracker";

const TRACKER = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}$/;
const KEY = "2f7c1b7e-5a0e-4e8e-9a44-3f1c2b8d9e10";

describe("canonicalBallot", () => {
  it("does not depend on key order", () => {
    expect(canonicalBallot("p1", { b: "FOR", a: "AGAINST", c: "ABSTAIN" })).toBe(
      canonicalBallot("p1", { c: "ABSTAIN", a: "AGAINST", b: "FOR" }),
    );
  });

  it("is JSON that names the poll and every choice", () => {
    expect(canonicalBallot("p1", { b: "FOR", a: "AGAINST" })).toBe(
      '{"choices":{"a":"AGAINST","b":"FOR"},"format":"minsheng-ballot/1","poll":"p1"}',
    );
  });

  it('keeps a "__proto__" id as data', () => {
    const choices = JSON.parse('{"__proto__":"FOR"}') as Record<string, "FOR">;
    expect(canonicalBallot("p", choices)).toContain('{"__proto__":"FOR"}');
  });
});

describe("ballotTracker", () => {
  it("is a grouped 10-symbol Crockford base32 code", () => {
    expect(ballotTracker("p1", { a: "FOR" }, "n")).toMatch(TRACKER);
  });

  it("is deterministic in poll, choices and nonce", () => {
    const t = ballotTracker("p1", { a: "FOR", b: "AGAINST" }, "nonce");
    expect(ballotTracker("p1", { b: "AGAINST", a: "FOR" }, "nonce")).toBe(t);
    expect(ballotTracker("p2", { a: "FOR", b: "AGAINST" }, "nonce")).not.toBe(t);
    expect(ballotTracker("p1", { a: "FOR", b: "ABSTAIN" }, "nonce")).not.toBe(t);
    expect(ballotTracker("p1", { a: "FOR" }, "nonce")).not.toBe(t);
    expect(ballotTracker("p1", { a: "FOR", b: "AGAINST" }, "nonce2")).not.toBe(t);
  });

  it("hides identical ballots behind different nonces", () => {
    const trackers = new Set(Array.from({ length: 20_000 }, () => ballotTracker("p1", { a: "FOR" }, randomUUID())));
    expect(trackers.size).toBe(20_000); // ~1.8e-7 chance of a collision at 50 bits
  });

  it("is unambiguous about where the ballot ends and the nonce begins", () => {
    expect(ballotTracker("p", { a: "FOR" }, "x")).not.toBe(ballotTracker("p", { a: "FOR" }, "x\u0000"));
  });
});

describe("normalizeTracker", () => {
  it("turns what a delegate types back into the stored form", () => {
    const t = ballotTracker("p1", { a: "FOR" }, "n");
    expect(normalizeTracker(t)).toBe(t);
    expect(normalizeTracker(` ${t.toLowerCase().replaceAll("-", " ")} `)).toBe(t);
    expect(normalizeTracker("7k3q-9xmd-2p")).toBe("7K3Q-9XMD-2P");
    expect(normalizeTracker("OoIL-0011-22")).toBe("0011-0011-22");
  });

  it("leaves input of the wrong length ungrouped, matching no tracker", () => {
    expect(normalizeTracker("7K3Q-9XMD")).toBe("7K3Q9XMD");
  });
});

describe("idempotencyKeyHash and nonceFromKey", () => {
  it("are deterministic, so a retried submission is recognised and gets the same receipt", () => {
    expect(idempotencyKeyHash("p1", "d1", KEY)).toBe(idempotencyKeyHash("p1", "d1", KEY));
    expect(nonceFromKey(KEY)).toBe(nonceFromKey(KEY));
    expect(ballotTracker("p1", { a: "FOR" }, nonceFromKey(KEY))).toBe(ballotTracker("p1", { a: "FOR" }, nonceFromKey(KEY)));
  });

  it("are 256-bit hex values", () => {
    expect(idempotencyKeyHash("p1", "d1", KEY)).toMatch(/^[0-9a-f]{64}$/);
    expect(nonceFromKey(KEY)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("bind the key hash to poll and delegate", () => {
    const h = idempotencyKeyHash("p1", "d1", KEY);
    expect(idempotencyKeyHash("p2", "d1", KEY)).not.toBe(h);
    expect(idempotencyKeyHash("p1", "d2", KEY)).not.toBe(h);
    expect(idempotencyKeyHash("p1", "d1", randomUUID())).not.toBe(h);
    // Field framing: ("p1","d1") and ("p1d","1") must not collide.
    expect(idempotencyKeyHash("p1d", "1", KEY)).not.toBe(h);
  });

  it("are domain-separated: neither stored value equals or contains the other, nor a plain hash of the key", () => {
    const keyHash = idempotencyKeyHash("p1", "d1", KEY);
    const nonce = nonceFromKey(KEY);
    expect(keyHash).not.toBe(nonce);
    expect(keyHash.includes(nonce.slice(0, 16))).toBe(false);
    const tracker = ballotTracker("p1", { a: "FOR" }, nonce);
    expect(keyHash.toUpperCase().includes(tracker.replaceAll("-", ""))).toBe(false);
  });

  it("refuse keys too short to resist brute force by a database reader", () => {
    const short = "x".repeat(MIN_IDEMPOTENCY_KEY_LENGTH - 1);
    expect(() => idempotencyKeyHash("p1", "d1", short)).toThrow(RangeError);
    expect(() => nonceFromKey(short)).toThrow(RangeError);
    expect(() => nonceFromKey("x".repeat(MIN_IDEMPOTENCY_KEY_LENGTH))).not.toThrow();
  });
});
