import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { BallotBoxError, kekId, newWrappedBoxKey, sealBallot, unsealBallot, unwrapBoxKey } from "~/server/domain/ballot-seal";

const kek = randomBytes(32);
const box = "0b9c6e9e-6f1e-4a55-9d3e-2f0c1e0d7a11";
const candidates = ["4f3c2b1a-0000-4000-8000-000000000001", "4f3c2b1a-0000-4000-8000-000000000002", "4f3c2b1a-0000-4000-8000-000000000003"];
const ballot = (marks: string[]) => ({
  tracker: "7K3Q-9XMD-2P",
  delegateId: null,
  marks: Object.fromEntries(candidates.map((id, i) => [id, marks[i]!])),
});

describe("the ballot seal", () => {
  it("opens what it sealed, under the box's key only, bound to the box", () => {
    const { key, wrapped, kekId: id } = newWrappedBoxKey(kek, box);
    expect(unwrapBoxKey(kek, box, { wrapped, kekId: id }).equals(key)).toBe(true);
    const sealed = sealBallot(key, box, ballot(["FOR", "AGAINST", "ABSTAIN"]));
    expect(unsealBallot(key, box, sealed, "choice")).toEqual(ballot(["FOR", "AGAINST", "ABSTAIN"]));
    // Another box's id (the associated data) or another key: refused as damage, never a wrong ballot.
    expect(() => unsealBallot(key, "another-box", sealed, "choice")).toThrow(BallotBoxError);
    expect(() => unsealBallot(randomBytes(32), box, sealed, "choice")).toThrow(BallotBoxError);
    const flipped = Buffer.from(sealed);
    flipped[20] = flipped[20]! ^ 1;
    expect(() => unsealBallot(key, box, flipped, "choice")).toThrow(BallotBoxError);
  });

  it("every ballot of a box seals to the same length, with a fresh IV each time", () => {
    const { key } = newWrappedBoxKey(kek, box);
    const all = [
      ["FOR", "FOR", "FOR"],
      ["ABSTAIN", "ABSTAIN", "ABSTAIN"],
      ["AGAINST", "FOR", "ABSTAIN"],
    ].map((marks) => sealBallot(key, box, ballot(marks)));
    expect(new Set(all.map((s) => s.length)).size).toBe(1);
    const again = sealBallot(key, box, ballot(["FOR", "FOR", "FOR"]));
    expect(again.subarray(0, 12).equals(all[0]!.subarray(0, 12))).toBe(false);
    expect(again.equals(all[0]!)).toBe(false);
    // Grades too: SATISFIED and UNSATISFIED seal alike.
    const grades = ["SATISFIED", "UNSATISFIED", "BASIC"].map((g) => sealBallot(key, box, ballot([g, g, g])));
    expect(new Set(grades.map((s) => s.length)).size).toBe(1);
    expect(unsealBallot(key, box, grades[2]!, "grade").marks[candidates[0]!]).toBe("BASIC");
  });

  it("tells a missing or wrong key-encryption key apart from a damaged key, and never reveals the KEK", () => {
    const { wrapped, kekId: id } = newWrappedBoxKey(kek, box);
    const reason = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return (error as BallotBoxError).reason;
      }
      return "opened";
    };
    expect(reason(() => unwrapBoxKey(null, box, { wrapped, kekId: id }))).toBe("KEY_MISSING");
    expect(reason(() => unwrapBoxKey(randomBytes(32), box, { wrapped, kekId: id }))).toBe("KEY_WRONG");
    const damaged = Buffer.from(wrapped);
    damaged[15] = damaged[15]! ^ 1;
    expect(reason(() => unwrapBoxKey(kek, box, { wrapped: damaged, kekId: id }))).toBe("DAMAGED");
    expect(reason(() => unwrapBoxKey(kek, "another-box", { wrapped, kekId: id }))).toBe("DAMAGED");
    expect(id).toBe(kekId(kek));
    expect(id).toHaveLength(16);
    expect(kek.toString("hex")).not.toContain(id);
  });
});
