import { describe, expect, it } from "vitest";
import { resultHash } from "~/server/domain/certification";
import { tally } from "~/server/domain/tally";

const poll = { kind: "EQUAL", seats: 2, basis: "VALID_BALLOTS", seated: 3, present: 3 } as const;
const count = (choices: Record<string, "FOR" | "AGAINST" | "ABSTAIN">[]) =>
  tally(
    poll,
    ["a", "b"],
    choices.map((c) => ({ choices: c })),
  );

describe("the hash scrutineers confirm", () => {
  it("is the same for the same count, however its keys were built", () => {
    const result = count([{ a: "FOR", b: "AGAINST" }]);
    const reverseKeys = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reverseKeys)
        : v && typeof v === "object"
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, reverseKeys(x)]),
            )
          : v;
    const reordered = reverseKeys(result) as typeof result;
    expect(Object.keys(reordered)).toEqual(Object.keys(result).reverse());
    expect(resultHash(reordered)).toBe(resultHash(result));
    expect(resultHash(result)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("changes with any figure of the count, so a count changed after a sign-off needs new sign-offs", () => {
    const before = count([{ a: "FOR", b: "AGAINST" }]);
    const oneMore = count([{ a: "FOR", b: "AGAINST" }, { a: "ABSTAIN" }]);
    expect(resultHash(oneMore)).not.toBe(resultHash(before));
    expect(resultHash({ ...before, invalid: before.invalid + 1 })).not.toBe(resultHash(before));
  });
});
