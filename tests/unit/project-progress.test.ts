import { describe, expect, it } from "vitest";
import { summarizeProgress } from "~/server/domain/project-progress";

const money = (n: number) => ({ toFixed: (d: number) => n.toFixed(d) });
const date = (s: string) => new Date(`${s}T00:00:00Z`);
const plan = (
  updates: { percent: number; spent: number; at: string }[],
  milestones: { plannedOn: string; achievedOn: string | null }[] = [],
) => ({
  startedOn: date("2021-03-01"),
  completedOn: null,
  deadline: date("2021-12-31"),
  budgetWan: money(500),
  milestones: milestones.map((m) => ({ plannedOn: date(m.plannedOn), achievedOn: m.achievedOn ? date(m.achievedOn) : null })),
  updates: updates.map((u) => ({ percent: u.percent, spentWan: money(u.spent), createdAt: new Date(u.at) })),
});

describe("summarizeProgress: the figures every page and report shows", () => {
  it("takes percent and money spent from the latest update, whatever order the updates come in", () => {
    const p = plan([
      { percent: 60, spent: 300, at: "2021-09-01T08:00:00Z" },
      { percent: 30, spent: 120.5, at: "2021-06-01T08:00:00Z" },
    ]);
    expect(summarizeProgress(p, date("2021-12-31"), "2021-10-01")).toEqual({
      status: "IN_PROGRESS",
      percent: 60,
      spentWan: "300.00",
      budgetWan: "500.00",
      latestUpdateAt: new Date("2021-09-01T08:00:00Z"),
    });
  });

  it("without a plan: nothing spent, no budget of its own, the candidate's deadline decides 滞后", () => {
    expect(summarizeProgress(null, date("2021-12-31"), "2021-10-01")).toEqual({
      status: "NOT_STARTED",
      percent: 0,
      spentWan: "0.00",
      budgetWan: null,
      latestUpdateAt: null,
    });
    expect(summarizeProgress(null, date("2021-12-31"), "2022-01-01").status).toBe("DELAYED");
  });

  it("a missed milestone shows as 滞后; 100% as completed", () => {
    expect(summarizeProgress(plan([], [{ plannedOn: "2021-05-01", achievedOn: null }]), date("2021-12-31"), "2021-06-01").status).toBe(
      "DELAYED",
    );
    expect(
      summarizeProgress(plan([{ percent: 100, spent: 480, at: "2021-11-01T00:00:00Z" }]), date("2021-12-31"), "2022-03-01").status,
    ).toBe("COMPLETED");
  });
});
