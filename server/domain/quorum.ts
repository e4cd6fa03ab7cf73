/**
 * Quorum (a poll opens only when more than a ratio of the seated delegates, 2/3 by
 * default, has checked in) and ballot reconciliation (收回 may not exceed 发出).
 */

export interface Ratio {
  num: number;
  den: number;
}

/** Default quorum: checked-in delegates must be more than 2/3 of seated delegates. */
export const DEFAULT_QUORUM: Readonly<Ratio> = { num: 2, den: 3 };

/**
 * Strictly "more than" the ratio, compared as checkedIn × den > seated × num: integer
 * arithmetic, because 190/285 is exactly 2/3 and floating point must not decide whether a
 * poll may open.
 */
export function quorumMet(checkedIn: number, seated: number, ratio: Readonly<Ratio> = DEFAULT_QUORUM): boolean {
  for (const n of [checkedIn, seated, ratio.num]) {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`quorum counts must be non-negative integers, got ${n}`);
  }
  if (!Number.isInteger(ratio.den) || ratio.den < 1) throw new RangeError(`quorum denominator must be ≥ 1, got ${ratio.den}`);
  return checkedIn * ratio.den > seated * ratio.num;
}

/**
 * 收回 (returned) may not exceed 发出 (issued): more ballots than issued means something
 * went wrong that no count can repair, so the poll is void and must be re-run.
 */
export function ballotsReconcile(issued: number, returned: number): { ok: boolean; void: boolean } {
  const ok = returned <= issued;
  return { ok, void: !ok };
}
