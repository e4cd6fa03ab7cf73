import { createHash } from "node:crypto";
import type { TChoice } from "~/lib/schemas/vote";
import { canonicalJson } from "./canonical-json";

export interface CountedBallot {
  tracker: string;
  source: "ELECTRONIC" | "PAPER";
  choices: { pollCandidateId: string; choice: TChoice }[];
}

/**
 * SHA-256 over a poll's ballots in a canonical order (independent of row order): recorded in
 * the audit chain when the count comes into being, and recomputed by `audit:verify`, so a
 * ballot added, changed or dropped afterwards shows.
 */
export function ballotsSeal(ballots: CountedBallot[]): { hash: string; count: number } {
  const lines = ballots
    .map((b) =>
      canonicalJson({
        tracker: b.tracker,
        source: b.source,
        choices: Object.fromEntries(b.choices.map((c) => [c.pollCandidateId, c.choice])),
      }),
    )
    .sort();
  return { hash: createHash("sha256").update(lines.join("\n")).digest("hex"), count: ballots.length };
}
