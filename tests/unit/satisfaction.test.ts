import { describe, expect, it } from "vitest";

import { gradeProject, satisfactionPercentages } from "~/server/domain/satisfaction";

describe("gradeProject", () => {
  it.each([
    // satisfied, basic, unsatisfied → grade
    [[6, 2, 2], "SATISFIED"], // 6 > 10/2
    [[5, 3, 2], "BASIC"], // 满意 exactly half is not more than half; 5 + 3 = 8 > 5
    [[5, 0, 5], "UNSATISFIED"], // 满意 + 基本满意 exactly half
    [[4, 2, 4], "BASIC"], // 6 > 5
    [[0, 6, 5], "BASIC"], // 基本满意 alone can carry it: 6 > 5.5
    [[3, 2, 6], "UNSATISFIED"], // 5 > 5.5 is false
    [[1, 0, 0], "SATISFIED"],
    [[0, 1, 0], "BASIC"],
    [[0, 0, 1], "UNSATISFIED"],
    [[1, 1, 0], "BASIC"], // 1 of 2 is exactly half
    [[2, 1, 0], "SATISFIED"], // 2 > 1.5
  ] as const)("%j → %s", ([satisfied, basic, unsatisfied], grade) => {
    expect(gradeProject({ satisfied, basic, unsatisfied })).toBe(grade);
  });

  it("has no grade when nobody rated", () => {
    expect(gradeProject({ satisfied: 0, basic: 0, unsatisfied: 0 })).toBeNull();
  });

  it("rejects counts that are not non-negative integers", () => {
    expect(() => gradeProject({ satisfied: -1, basic: 2, unsatisfied: 0 })).toThrow(RangeError);
    expect(() => gradeProject({ satisfied: 1.5, basic: 0, unsatisfied: 0 })).toThrow(RangeError);
  });
});

describe("satisfactionPercentages", () => {
  it("gives each share of raters in percent", () => {
    expect(satisfactionPercentages({ satisfied: 6, basic: 3, unsatisfied: 1 })).toEqual({ satisfied: 60, basic: 30, unsatisfied: 10 });
    const thirds = satisfactionPercentages({ satisfied: 1, basic: 1, unsatisfied: 1 })!;
    expect(thirds.satisfied).toBeCloseTo(33.333, 3);
    expect(thirds.satisfied + thirds.basic + thirds.unsatisfied).toBeCloseTo(100, 10);
  });

  it("is null when nobody rated", () => {
    expect(satisfactionPercentages({ satisfied: 0, basic: 0, unsatisfied: 0 })).toBeNull();
  });
});
