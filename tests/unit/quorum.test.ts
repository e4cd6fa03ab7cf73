import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { ballotsReconcile, quorumMet } from "~/server/domain/quorum";

describe("quorumMet: more than 2/3 of seated delegates", () => {
  it.each([
    [190, 285, false], // exactly 2/3 is not more than 2/3
    [191, 285, true],
    [271, 285, true],
    [66, 100, false],
    [67, 100, true], // 67/100 > 2/3
    [2, 3, false],
    [3, 3, true],
    [0, 0, false], // no seated delegates, no quorum
  ])("%i of %i → %s", (checkedIn, seated, met) => {
    expect(quorumMet(checkedIn, seated)).toBe(met);
  });

  it("takes another ratio, still strictly more than", () => {
    expect(quorumMet(50, 100, { num: 1, den: 2 })).toBe(false);
    expect(quorumMet(51, 100, { num: 1, den: 2 })).toBe(true);
  });

  it("agrees with exact rational comparison for every district-sized congress", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: 600 }), (checkedIn, seated) => {
        // 3·c > 2·s ⇔ c > 2s/3; compare with BigInt to rule out any floating-point doubt.
        expect(quorumMet(checkedIn, seated)).toBe(BigInt(checkedIn) * 3n > BigInt(seated) * 2n);
      }),
    );
  });

  it("rejects nonsense counts and ratios", () => {
    expect(() => quorumMet(-1, 10)).toThrow(RangeError);
    expect(() => quorumMet(1.5, 10)).toThrow(RangeError);
    expect(() => quorumMet(5, 10, { num: 1, den: 0 })).toThrow(RangeError);
  });
});

describe("ballotsReconcile: returned ≤ issued or the poll is void", () => {
  it.each([
    [271, 268, { ok: true, void: false }],
    [271, 271, { ok: true, void: false }],
    [271, 272, { ok: false, void: true }],
    [0, 0, { ok: true, void: false }],
  ])("issued %i, returned %i", (issued, returned, expected) => {
    expect(ballotsReconcile(issued, returned)).toEqual(expected);
  });
});
