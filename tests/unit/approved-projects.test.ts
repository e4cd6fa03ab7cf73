import { describe, expect, it } from "vitest";
import { approvedCandidateIds, storedResult } from "~/server/domain/approved-projects";

const line = (id: string, selected: boolean) => ({
  id,
  for: 3,
  against: 1,
  abstain: 0,
  passed: selected,
  rank: selected ? 1 : null,
  selected,
});
const result = (...candidates: ReturnType<typeof line>[]) => ({ valid: 4, invalid: 0, candidates, runoff: [], unfilled: 0 });

describe("approved projects: the slate candidates a published poll selected", () => {
  it("maps each poll's selected candidates back to the slate, across polls (a run-off adds its own)", () => {
    const main = {
      result: result(line("pc1", true), line("pc2", false), line("pc3", false)),
      candidates: [
        { id: "pc1", candidateId: "c1" },
        { id: "pc2", candidateId: "c2" },
        { id: "pc3", candidateId: "c3" },
      ],
    };
    const runoff = { result: result(line("rc3", true)), candidates: [{ id: "rc3", candidateId: "c3" }] };
    expect([...approvedCandidateIds([main, runoff])].sort()).toEqual(["c1", "c3"]);
  });

  it("a poll without a stored result approves nothing", () => {
    expect(approvedCandidateIds([{ result: null, candidates: [{ id: "pc1", candidateId: "c1" }] }]).size).toBe(0);
  });

  it("reads the stored JSON through the result schema: a damaged result is an error, never a silent guess", () => {
    expect(storedResult(null)).toBeNull();
    expect(storedResult(result(line("pc1", true)))?.candidates[0]?.selected).toBe(true);
    expect(() => storedResult({ candidates: [{ id: "pc1", selected: "yes" }] })).toThrow();
    expect(() => approvedCandidateIds([{ result: { candidates: "all" }, candidates: [] }])).toThrow();
  });
});
