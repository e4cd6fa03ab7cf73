import type { GRADES } from "~/lib/schemas/projects";

/**
 * Year-end satisfaction rating (测评) of a project: 满意 if 满意 > half of
 * raters; else 基本满意 if 满意 + 基本满意 > half; else 不满意. "More than half" is
 * compared as 2 × count > raters so exactly half never passes and no rounding is involved.
 */

export type SatisfactionGrade = (typeof GRADES)[number];

export interface SatisfactionCounts {
  satisfied: number;
  basic: number;
  unsatisfied: number;
}

/** `null` when nobody rated: a project with no raters has no grade, not 不满意. */
export function gradeProject(counts: SatisfactionCounts): SatisfactionGrade | null {
  const raters = ratersOf(counts);
  if (raters === 0) return null;
  if (counts.satisfied * 2 > raters) return "SATISFIED";
  if ((counts.satisfied + counts.basic) * 2 > raters) return "BASIC";
  return "UNSATISFIED";
}

/**
 * Shares of raters in percent, unrounded (rounding is display's job, and rounded shares
 * need not add up to 100). `null` when nobody rated.
 */
export function satisfactionPercentages(counts: SatisfactionCounts): SatisfactionCounts | null {
  const raters = ratersOf(counts);
  if (raters === 0) return null;
  return {
    satisfied: (counts.satisfied * 100) / raters,
    basic: (counts.basic * 100) / raters,
    unsatisfied: (counts.unsatisfied * 100) / raters,
  };
}

function ratersOf({ satisfied, basic, unsatisfied }: SatisfactionCounts): number {
  for (const n of [satisfied, basic, unsatisfied]) {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`rating counts must be non-negative integers, got ${n}`);
  }
  return satisfied + basic + unsatisfied;
}
