import { describe, expect, it } from "vitest";
import { ZCastBallotInput, ZCreatePollInput, ZPaperEntryInput } from "~/lib/schemas/vote";

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const session = id(99);

describe("ZCreatePollInput", () => {
  const base = { sessionId: session, title: "2021年民生实事项目票决", kind: "EQUAL" as const, candidateIds: [id(1), id(2), id(3)] };

  it("accepts an equal slate and fills the defaults (secret, final, all delegates, more than 2/3)", () => {
    expect(ZCreatePollInput.parse(base)).toMatchObject({
      basis: "ALL_DELEGATES",
      quorumNum: 2,
      quorumDen: 3,
      secret: true,
      changeable: false,
    });
  });

  it.each([
    ["a competitive slate without seats", { ...base, kind: "COMPETITIVE" }, "seats"],
    ["a competitive slate with as many seats as candidates", { ...base, kind: "COMPETITIVE", seats: 3 }, "seats"],
    ["a candidate listed twice", { ...base, candidateIds: [id(1), id(1)] }, "candidateIds"],
    ["a quorum ratio above one", { ...base, quorumNum: 4, quorumDen: 3 }, "quorumNum"],
    ["an empty title", { ...base, title: " " }, "title"],
    ["no candidates", { ...base, candidateIds: [] }, "candidateIds"],
    ["a malformed session id", { ...base, sessionId: "1" }, "sessionId"],
  ])("refuses %s, naming the field", (_name, input, field) => {
    const parsed = ZCreatePollInput.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.path[0])).toContain(field);
  });

  it("accepts a competitive slate with fewer seats than candidates", () => {
    expect(ZCreatePollInput.safeParse({ ...base, kind: "COMPETITIVE", seats: 2 }).success).toBe(true);
  });
});

describe("ZCastBallotInput", () => {
  const base = { pollId: id(1), choices: { [id(2)]: "FOR", [id(3)]: "ABSTAIN" }, idempotencyKey: "a".repeat(32) };
  it("accepts a well-formed ballot", () => expect(ZCastBallotInput.safeParse(base).success).toBe(true));
  it.each([
    ["a choice that is not FOR/AGAINST/ABSTAIN", { ...base, choices: { [id(2)]: "YES" } }],
    ["a candidate key that is not an id (e.g. __proto__)", { ...base, choices: { ["__proto__"]: "FOR" } }],
    ["a short idempotency key (could be brute-forced to link a ballot)", { ...base, idempotencyKey: "abc" }],
    ["a key with characters outside base64url", { ...base, idempotencyKey: "a".repeat(20) + "!" }],
  ])("refuses %s", (_name, input) => expect(ZCastBallotInput.safeParse(input).success).toBe(false));
});

describe("ZPaperEntryInput", () => {
  it("takes blank marks as absent and refuses odd serials", () => {
    expect(ZPaperEntryInput.safeParse({ pollId: id(1), serial: "A-001", choices: {} }).success).toBe(true);
    expect(ZPaperEntryInput.safeParse({ pollId: id(1), serial: "001; DROP", choices: {} }).success).toBe(false);
  });
});
