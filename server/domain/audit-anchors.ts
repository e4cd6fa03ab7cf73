import { SHORT_HASH_LENGTH, shortHash } from "~/lib/format";

/**
 * The chain's tail is anchored outside it (DESIGN §4 promise 4). A chain whose last entries
 * were deleted — or all of them — still links up; what shows the loss is what points into
 * it from elsewhere: each poll's ballots seal (Poll.ballotsHash, recorded in the entry that
 * brought the count into being), each certified poll's auditHead (the hash of its
 * poll.certified entry, printed on the 公告 and in the published record), and a head copied
 * from a printed 公告 (`audit:verify --head`).
 */

/** The entries that record a poll's ballots seal: the close, or the end of paper entry. */
export const SEAL_ACTIONS = ["poll.closed", "poll.closed.void", "paper.finished", "paper.finished.void"] as const;

export interface AnchoredPoll {
  id: string;
  ballotsHash: string | null;
  auditHead: string | null;
}

/** An audit entry as the anchors refer to it. */
export interface AnchorEntry {
  seq: string;
  action: string;
  entityId: string | null;
}

export interface PollAnchors {
  poll: AnchoredPoll;
  /** The entry recording the poll's seal, if the chain holds one. */
  sealEntry: AnchorEntry | null;
  /** The entry whose hash is the poll's auditHead, if the chain holds one. */
  headEntry: AnchorEntry | null;
  /** The seal of the poll's ballots as they stand now. */
  currentSeal: string;
}

export interface AnchorCheck {
  seals: number;
  heads: number;
  problems: string[];
}

/** Every anchor that does not hold, each naming the poll and the entry it expected. */
export function checkAnchors(polls: PollAnchors[]): AnchorCheck {
  const problems: string[] = [];
  let seals = 0;
  let heads = 0;
  for (const { poll, sealEntry, headEntry, currentSeal } of polls) {
    if (poll.ballotsHash) {
      seals += 1;
      if (!sealEntry) {
        problems.push(
          `poll ${poll.id}: its ballots seal ${shortHash(poll.ballotsHash)} is not in the chain (its poll.closed entry is missing)`,
        );
      }
      if (currentSeal !== poll.ballotsHash) {
        problems.push(
          `poll ${poll.id}: its ballots no longer match the seal ${shortHash(poll.ballotsHash)} recorded when they were counted (now ${shortHash(currentSeal)})`,
        );
      }
    }
    if (poll.auditHead) {
      heads += 1;
      if (!headEntry) {
        problems.push(
          `poll ${poll.id}: its published auditHead ${shortHash(poll.auditHead)} is not in the chain (its poll.certified entry is missing)`,
        );
      } else if (headEntry.action !== "poll.certified" || headEntry.entityId !== poll.id) {
        problems.push(
          `poll ${poll.id}: its published auditHead ${shortHash(poll.auditHead)} is seq ${headEntry.seq}, ${headEntry.action} — not its poll.certified entry`,
        );
      }
    }
  }
  return { seals, heads, problems };
}

/**
 * A head as someone copies it from paper: the 16-digit short form (any case, grouped or
 * not) or the full 64 digits. Returns the lower-case hex prefix to look up, or null when
 * it is neither.
 */
export function parseHead(text: string): string | null {
  const hex = text.replace(/\s+/g, "").toLowerCase();
  return /^[0-9a-f]+$/.test(hex) && (hex.length === SHORT_HASH_LENGTH || hex.length === 64) ? hex : null;
}
