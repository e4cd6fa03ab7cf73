import { describe, expect, it } from "vitest";
import { checkAnchors, parseHead } from "~/server/domain/audit-anchors";

const H = (c: string) => c.repeat(64);

describe("the audit chain's anchors", () => {
  it("hold when each seal and head is found, the head being the poll's own certification", () => {
    const poll = { id: "p1", ballotsHash: H("a"), auditHead: H("b") };
    const check = checkAnchors([
      {
        poll,
        sealEntry: { seq: "5", action: "poll.closed", entityId: "p1" },
        headEntry: { seq: "9", action: "poll.certified", entityId: "p1" },
        currentSeal: H("a"),
      },
      { poll: { id: "p2", ballotsHash: null, auditHead: null }, sealEntry: null, headEntry: null, currentSeal: H("0") },
    ]);
    expect(check).toEqual({ seals: 1, heads: 1, problems: [] });
  });

  it("name the poll and the missing or wrong entry", () => {
    const poll = { id: "p1", ballotsHash: H("a"), auditHead: H("b") };
    expect(checkAnchors([{ poll, sealEntry: null, headEntry: null, currentSeal: H("c") }]).problems).toEqual([
      "poll p1: its ballots seal AAAA AAAA AAAA AAAA is not in the chain (its poll.closed entry is missing)",
      "poll p1: its ballots no longer match the seal AAAA AAAA AAAA AAAA recorded when they were counted (now CCCC CCCC CCCC CCCC)",
      "poll p1: its published auditHead BBBB BBBB BBBB BBBB is not in the chain (its poll.certified entry is missing)",
    ]);
    const elsewhere = { seq: "12", action: "poll.certified", entityId: "p2" };
    expect(
      checkAnchors([{ poll, sealEntry: { seq: "5", action: "poll.closed", entityId: "p1" }, headEntry: elsewhere, currentSeal: H("a") }])
        .problems,
    ).toEqual(["poll p1: its published auditHead BBBB BBBB BBBB BBBB is seq 12, poll.certified — not its poll.certified entry"]);
  });

  it("a head is read as printed (grouped, any case) or in full; anything else is refused", () => {
    expect(parseHead("3F2A 91C0 7B4E D215")).toBe("3f2a91c07b4ed215");
    expect(parseHead(H("C"))).toBe(H("c"));
    for (const bad of ["", "3F2A 91C0", "not-a-hash", "3F2A 91C0 7B4E D21G", H("a") + "0"]) expect(parseHead(bad), bad).toBeNull();
  });
});
