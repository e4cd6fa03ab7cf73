import { createHash } from "node:crypto";
import { z } from "zod";
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

/**
 * The audit log as filed (会议档案 audit-log.jsonl): one entry per line, exactly the fields
 * that are hashed plus the two hashes, so anyone can recompute the chain from the file alone:
 * hash = SHA-256 of prevHash, a line break, and the canonical JSON (keys sorted, no spaces)
 * of { seq, at, actorType, actorId, action, entityType, entityId, sessionId, data }.
 */
export function auditRowLine(row: AuditRow): string {
  const { seq, at, actorType, actorId, action, entityType, entityId, sessionId, data, prevHash, hash } = row;
  return JSON.stringify({ seq, at, actorType, actorId, action, entityType, entityId, sessionId, data, prevHash, hash });
}

/** One filed entry: what is hashed, plus the two hashes. */
export const ZAuditRow = z.object({
  seq: z.string(),
  at: z.string(),
  actorType: z.string(),
  actorId: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  sessionId: z.string().nullable(),
  data: z.unknown(),
  prevHash: z.string(),
  hash: z.string(),
}) satisfies z.ZodType<AuditRow>;

/** Reads an exported audit log; says which line is not an entry. */
export function parseAuditLines(text: string): { ok: true; rows: AuditRow[] } | { ok: false; line: number; error: string } {
  const rows: AuditRow[] = [];
  const lines = text.replace(/^\uFEFF/, "").split("\n");
  for (const [i, line] of lines.entries()) {
    if (line.trim() === "") continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      return { ok: false, line: i + 1, error: (error as Error).message };
    }
    const parsed = ZAuditRow.safeParse(json);
    if (!parsed.success)
      return { ok: false, line: i + 1, error: parsed.error.issues.map((x) => `${x.path.join(".")}: ${x.message}`).join("; ") };
    rows.push(parsed.data as AuditRow);
  }
  return { ok: true, rows };
}
