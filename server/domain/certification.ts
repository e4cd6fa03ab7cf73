import { createHash } from "node:crypto";
import { canonicalJson } from "./canonical-json";
import type { TallyResult } from "./tally";

/**
 * Scrutineers (监票人) certify a count by confirming this exact hash of it: a different
 * count (e.g. after another paper ballot is entered) has another hash and needs new
 * sign-offs. Key order does not matter (canonical JSON).
 */
export function resultHash(result: TallyResult): string {
  return createHash("sha256").update(canonicalJson(result)).digest("hex");
}

/** A count is certified (and frozen) once this many scrutineers have confirmed the same hash. */
export const SIGNOFFS_REQUIRED = 2;
