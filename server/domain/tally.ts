/**
 * The one tally. What `result` means, exactly (the published ballot record promises it):
 * - A ballot is invalid (废票) if it names an unknown candidate, holds a choice other than
 *   FOR / AGAINST / ABSTAIN, or (COMPETITIVE) marks FOR on more candidates than `seats`.
 *   Invalid ballots count nothing. A candidate missing from a valid ballot is "not voted"
 *   there, counted in none of for / against / abstain.
 * - passed: for × 2 > basis, the basis being `seated` (ALL_DELEGATES), `present`
 *   (PRESENT) or the valid ballots (VALID_BALLOTS).
 * - rank: for a passed candidate, 1 + the number of passed candidates with strictly more
 *   FOR votes; null otherwise.
 * - selected: EQUAL, every passed candidate. COMPETITIVE, all passed ones if at most
 *   `seats` passed; otherwise, with `cut` the FOR count of the seats-th best: those above
 *   the cut are selected, those at it too if that stays within `seats`, else none of them
 *   is and they are listed in `runoff` (order not significant).
 * - unfilled: max(0, seats − passed), seats being the number of candidates for EQUAL.
 *
 * The app (closing a poll, the hall screen) and `scripts/recount.ts` (anyone verifying a
 * published record) both run this code, so a recount can only disagree with the app when
 * the data differ — never because two implementations drifted apart.
 *
 * Ballots are taken raw (`Record<string, unknown>`) because paper entries and published
 * files may hold anything; invalid ballots (废票) are counted, not thrown.
 */

export const CHOICES = ["FOR", "AGAINST", "ABSTAIN"] as const;
export type Choice = (typeof CHOICES)[number];

export const POLL_KINDS = ["EQUAL", "COMPETITIVE"] as const;
export type PollKind = (typeof POLL_KINDS)[number];

export const BASES = ["ALL_DELEGATES", "PRESENT", "VALID_BALLOTS"] as const;
export type Basis = (typeof BASES)[number];

export interface TallyPoll {
  kind: PollKind;
  /** COMPETITIVE: slots to fill. EQUAL: ignored — every candidate is its own slot. */
  seats: number;
  basis: Basis;
  seated: number;
  present: number;
}

/** Raw and possibly invalid: keys are candidate ids, a missing key means "not voted". */
export interface TallyBallot {
  choices: Record<string, unknown>;
}

export interface CandidateResult {
  id: string;
  for: number;
  against: number;
  abstain: number;
  passed: boolean;
  rank: number | null;
  selected: boolean;
}

export interface TallyResult {
  valid: number;
  invalid: number;
  /** In the order of the candidate ids given to `tally`. */
  candidates: CandidateResult[];
  /** COMPETITIVE candidates tied across the cut-off; order not significant. */
  runoff: string[];
  unfilled: number;
}

/**
 * `candidateIds` only needs `has`, so `tally` can pass its id → result Map and a caller
 * checking one paper ballot can pass a Set.
 */
export function isBallotValid(
  poll: Pick<TallyPoll, "kind" | "seats">,
  candidateIds: Pick<ReadonlySet<string>, "has">,
  ballot: TallyBallot,
): boolean {
  const choices: unknown = ballot.choices;
  if (typeof choices !== "object" || choices === null || Array.isArray(choices)) return false;
  let markedFor = 0;
  // Own keys only and Set/Map membership, never `id in obj`: ids are opaque strings, so a
  // "__proto__" or "constructor" key must be an ordinary (unknown or known) id, and
  // nothing inherited from Object.prototype may ever count as a vote.
  for (const id of Object.keys(choices)) {
    if (!candidateIds.has(id)) return false;
    const choice = (choices as Record<string, unknown>)[id];
    if (choice === "FOR") markedFor++;
    else if (choice !== "AGAINST" && choice !== "ABSTAIN") return false;
  }
  return poll.kind === "EQUAL" || markedFor <= poll.seats;
}

export function tally(poll: TallyPoll, candidateIds: readonly string[], ballots: readonly TallyBallot[]): TallyResult {
  if (poll.kind === "COMPETITIVE" && !(Number.isInteger(poll.seats) && poll.seats >= 1)) {
    throw new RangeError(`a competitive poll needs at least one seat, got ${poll.seats}`);
  }
  const candidates: CandidateResult[] = [];
  const byId = new Map<string, CandidateResult>();
  for (const id of candidateIds) {
    if (byId.has(id)) throw new Error(`duplicate candidate id ${JSON.stringify(id)}`);
    const row: CandidateResult = { id, for: 0, against: 0, abstain: 0, passed: false, rank: null, selected: false };
    candidates.push(row);
    byId.set(id, row);
  }

  // Hot loop (100k ballots × 15 candidates): validate, then count, touching only the
  // ballot's own keys; no per-ballot allocation besides Object.keys.
  let valid = 0;
  for (const ballot of ballots) {
    if (!isBallotValid(poll, byId, ballot)) continue;
    valid++;
    const choices = ballot.choices;
    for (const id of Object.keys(choices)) {
      const row = byId.get(id);
      if (row === undefined) continue; // unreachable: validity implies a known id
      const choice = choices[id];
      if (choice === "FOR") row.for++;
      else if (choice === "AGAINST") row.against++;
      else row.abstain++;
    }
  }

  const basis = basisCount(poll, valid);
  for (const row of candidates) row.passed = row.for * 2 > basis;
  const passed = candidates.filter((row) => row.passed);
  // In a descending list, the index of the first occurrence of a count is the number of
  // passed candidates with strictly more FOR — which is exactly rank − 1 and "above cut".
  const forDesc = passed.map((row) => row.for).sort((a, b) => b - a);
  for (const row of passed) row.rank = 1 + forDesc.indexOf(row.for);

  const runoff: string[] = [];
  if (poll.kind === "EQUAL" || passed.length <= poll.seats) {
    for (const row of passed) row.selected = true;
  } else {
    const cut = forDesc[poll.seats - 1]!; // exists: passed.length > seats ≥ 1
    const above = forDesc.indexOf(cut);
    const atCut = forDesc.lastIndexOf(cut) - above + 1;
    // The system never breaks a tie across the cut-off: either the whole tied group fits
    // or none of it is selected and the secretariat holds a run-off among them.
    const tiedGroupFits = above + atCut <= poll.seats;
    for (const row of passed) {
      if (row.for > cut || (row.for === cut && tiedGroupFits)) row.selected = true;
      else if (row.for === cut) runoff.push(row.id);
    }
  }

  const slots = poll.kind === "EQUAL" ? candidates.length : poll.seats;
  return {
    valid,
    invalid: ballots.length - valid,
    candidates,
    runoff,
    unfilled: Math.max(0, slots - passed.length),
  };
}

function basisCount(poll: TallyPoll, valid: number): number {
  switch (poll.basis) {
    case "ALL_DELEGATES":
      return poll.seated;
    case "PRESENT":
      return poll.present;
    case "VALID_BALLOTS":
      return valid;
    default: {
      const unknown: never = poll.basis;
      throw new Error(`unknown basis ${String(unknown)}`);
    }
  }
}
