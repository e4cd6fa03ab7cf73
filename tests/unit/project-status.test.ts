import { describe, expect, it } from "vitest";
import { projectStatus, type StatusInput } from "~/server/domain/project-status";

const base: StatusInput = { startedOn: null, completedOn: null, latestPercent: null, deadline: "2021-12-31", milestones: [] };
const today = "2021-06-15";

describe("projectStatus (滞后 is derived from dates, never typed)", () => {
  it.each<[string, Partial<StatusInput>, string]>([
    ["nothing yet", {}, "NOT_STARTED"],
    ["a start date", { startedOn: "2021-03-01" }, "IN_PROGRESS"],
    ["some progress", { latestPercent: 20 }, "IN_PROGRESS"],
    ["an achieved milestone", { milestones: [{ plannedOn: "2021-05-01", achievedOn: "2021-04-28" }] }, "IN_PROGRESS"],
    ["a milestone due later", { startedOn: "2021-03-01", milestones: [{ plannedOn: "2021-07-01", achievedOn: null }] }, "IN_PROGRESS"],
    ["a milestone due today is not yet missed", { milestones: [{ plannedOn: today, achievedOn: null }] }, "NOT_STARTED"],
    ["a missed milestone", { startedOn: "2021-03-01", milestones: [{ plannedOn: "2021-06-01", achievedOn: null }] }, "DELAYED"],
    ["a missed milestone even before any start", { milestones: [{ plannedOn: "2021-06-14", achievedOn: null }] }, "DELAYED"],
    [
      "a milestone achieved late is no longer missed",
      { startedOn: "2021-03-01", milestones: [{ plannedOn: "2021-06-01", achievedOn: "2021-06-10" }] },
      "IN_PROGRESS",
    ],
    ["the deadline passed before completion", { deadline: "2021-06-14", latestPercent: 90 }, "DELAYED"],
    [
      "100% is completed, even with a missed milestone",
      { latestPercent: 100, milestones: [{ plannedOn: "2021-06-01", achievedOn: null }] },
      "COMPLETED",
    ],
    ["a completion date", { completedOn: "2021-06-10", latestPercent: 95 }, "COMPLETED"],
  ])("%s", (_name, input, expected) => {
    expect(projectStatus({ ...base, ...input }, today)).toBe(expected);
  });
});
