import { createHash } from "node:crypto";
import { canonicalJson } from "./canonical-json";

/** The chain starts from a fixed, well-known head so an empty log verifies too. */
export const GENESIS_HASH = "0".repeat(64);

export interface AuditContent {
  seq: string;
  at: string;
  actorType: string;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  sessionId: string | null;
  data: unknown;
}

/** hash = SHA-256(prevHash ‖ canonical content): editing, removing or reordering any row breaks every later link. */
export function auditHash(prevHash: string, content: AuditContent): string {
  return createHash("sha256").update(prevHash).update("\n").update(canonicalJson(content)).digest("hex");
}

export interface AuditRow extends AuditContent {
  prevHash: string;
  hash: string;
}

export type ChainCheck = { ok: true; count: number; head: string } | { ok: false; count: number; brokenSeq: string; reason: string };

/** Walks rows in seq order; stops at the first row whose links or content do not match. */
export function verifyChain(rows: Iterable<AuditRow>, startHash = GENESIS_HASH): ChainCheck {
  let prev = startHash;
  let count = 0;
  for (const row of rows) {
    if (row.prevHash !== prev) return { ok: false, count, brokenSeq: row.seq, reason: "prevHash does not match the previous entry" };
    const { prevHash: _p, hash, ...content } = row;
    if (auditHash(prev, content) !== hash) return { ok: false, count, brokenSeq: row.seq, reason: "content does not match its hash" };
    prev = hash;
    count += 1;
  }
  return { ok: true, count, head: prev };
}
