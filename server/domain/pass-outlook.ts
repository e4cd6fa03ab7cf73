/**
 * Can anything still pass if the poll closes now? (DESIGN.md §2 pass threshold, §3 `passed`.)
 *
 * A close cannot be undone, and a hall once closed a poll with 64 of 196 ballots in while
 * every project needed more than 140 赞成 (basis: all 280 seated delegates): nothing could
 * pass, and nothing did. The close dialog asks this rule first.
 *
 * Turnout only — ballots issued (发出), returned (收回), seated (应到), present (实到) — and
 * the poll's own shape: never a count of choices. Before close nobody may see a count (the
 * sealed ballot box, DESIGN.md §4a), so the answer is what the ballots could give at best,
 * whatever they say: every returned ballot 赞成 on as many candidates as it may mark.
 */
import type { Basis, PollKind } from "./tally";

export interface CloseTurnout {
  kind: PollKind;
  /** COMPETITIVE: slots to fill (and the most 赞成 one ballot may mark). EQUAL: ignored. */
  seats: number;
  candidates: number;
  basis: Basis;
  /** 应到 and 实到 as frozen when the poll opened: the bases ALL_DELEGATES and PRESENT count these. */
  seated: number;
  present: number;
  /** 发出 now (present at open plus late check-ins) and 收回 so far. */
  issued: number;
  returned: number;
}

/**
 * - NONE_CAN_PASS: not one candidate can reach the threshold on the ballots returned.
 * - UNLIKELY: passing needs 赞成 on more than nine in ten of the ballots returned.
 * - POSSIBLE: turnout leaves room for every slot to be filled.
 *
 * There is no "some slots cannot be filled": whenever one candidate can pass, `seats`
 * candidates can (the same ballots saying 赞成 to each of them), so turnout either rules
 * out every slot or none (the unit tests check this against the tally on every small poll).
 */
export type PassVerdict = "NONE_CAN_PASS" | "UNLIKELY" | "POSSIBLE";

/** "Unlikely": a candidate needs 赞成 on more than this share of the ballots returned. */
export const UNLIKELY_SHARE = { num: 9, den: 10 } as const;

export interface PassOutlook {
  verdict: PassVerdict;
  /** The count the threshold is half of (应到 or 实到); null for VALID_BALLOTS, unknown until the count. */
  basisCount: number | null;
  /** 赞成 a candidate needs to pass (more than half the basis); null for VALID_BALLOTS. */
  needed: number | null;
  /** Slots the poll fills: every candidate (EQUAL) or `seats` (COMPETITIVE). */
  slots: number;
  /** The most candidates that can pass on the ballots returned so far. */
  maxPassing: number;
  /** The same if every issued ballot came back: whether waiting could still change the answer. */
  maxPassingIfAllReturned: number;
  /** Ballots still out (发出 − 收回, never negative). */
  outstanding: number;
  /** Percent of returned ballots a candidate needs as 赞成, rounded up; null when there is no fixed need or no ballot. */
  neededPercent: number | null;
}

function assertCount(name: string, n: number, min = 0) {
  if (!Number.isInteger(n) || n < min) throw new RangeError(`${name} must be an integer ≥ ${min}, got ${n}`);
}

/** FOR needed under a fixed basis: for × 2 > basis. */
function neededFor(basisCount: number): number {
  return Math.floor(basisCount / 2) + 1;
}

/**
 * The most candidates that can pass on `ballots` valid ballots. EQUAL: a ballot may say 赞成
 * to all, so all or none. COMPETITIVE: a ballot says 赞成 to at most `seats`, so the ballots
 * hold at most ballots × seats 赞成 in all, and each passing candidate takes `needed` of
 * them (spread round-robin, that many do pass). VALID_BALLOTS: the basis is the ballots
 * themselves, so a candidate needs more than half of them.
 */
function maxPassingOn(t: CloseTurnout, ballots: number, fixedNeed: number | null): number {
  const needed = fixedNeed ?? neededFor(ballots);
  if (ballots === 0 || ballots < needed) return 0;
  if (t.kind === "EQUAL") return t.candidates;
  return Math.min(t.candidates, Math.floor((ballots * t.seats) / needed));
}

export function passOutlook(t: CloseTurnout): PassOutlook {
  assertCount("seated", t.seated);
  assertCount("present", t.present);
  assertCount("issued", t.issued);
  assertCount("returned", t.returned);
  assertCount("candidates", t.candidates, 1);
  if (t.kind === "COMPETITIVE") assertCount("seats", t.seats, 1);

  const basisCount = t.basis === "ALL_DELEGATES" ? t.seated : t.basis === "PRESENT" ? t.present : null;
  const needed = basisCount === null ? null : neededFor(basisCount);
  const slots = t.kind === "EQUAL" ? t.candidates : Math.min(t.seats, t.candidates);
  const maxPassing = maxPassingOn(t, t.returned, needed);
  // More may come back than were counted as issued only in a poll that is void anyway.
  const maxPassingIfAllReturned = maxPassingOn(t, Math.max(t.issued, t.returned), needed);

  let verdict: PassVerdict;
  if (maxPassing === 0) verdict = "NONE_CAN_PASS";
  else if (needed !== null && needed * UNLIKELY_SHARE.den > t.returned * UNLIKELY_SHARE.num) verdict = "UNLIKELY";
  else verdict = "POSSIBLE";

  return {
    verdict,
    basisCount,
    needed,
    slots,
    maxPassing,
    maxPassingIfAllReturned,
    outstanding: Math.max(0, t.issued - t.returned),
    neededPercent: needed !== null && t.returned > 0 ? Math.ceil((needed * 100) / t.returned) : null,
  };
}
