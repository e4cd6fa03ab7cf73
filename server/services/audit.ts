import "server-only";
import type { Db, Tx } from "../db-client";
import { auditHash, GENESIS_HASH, verifyChain, type AuditRow, type ChainCheck } from "../domain/audit-chain";
import type { Actor } from "../auth/actor";
import { checkAnchors, SEAL_ACTIONS, type AnchorCheck, type AnchorEntry } from "../domain/audit-anchors";
import { sealBallots } from "./poll-rows";

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  sessionId?: string | null;
  data?: Record<string, unknown>;
}

/** Who did it, as written into the log: a staff user, a delegate, the system (seed, scripts) or an anonymous resident. */
export type AuditActor = Actor | { kind: "system" } | { kind: "anonymous" };

// Appends serialize on one advisory lock so the chain stays a line even with several
// app servers; the lock is held only until the caller's transaction commits. Casting a
// ballot never appends here (the close seals the ballots instead), so the hot path
// does not queue on this lock.
export const AUDIT_LOCK_KEY = 804_101;

export async function appendAudit(tx: Tx, actor: AuditActor, entry: AuditEntry): Promise<string> {
  // From the lock to the caller's commit every append waits for the one before it: kept to
  // the lock, one read and one insert.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`;
  const [{ last, seq, at }] = (await tx.$queryRaw<{ last: string | null; seq: bigint; at: Date }[]>`
    SELECT (SELECT "hash" FROM "AuditLog" ORDER BY "seq" DESC LIMIT 1) AS last,
           nextval(pg_get_serial_sequence('"AuditLog"', 'seq')) AS seq, clock_timestamp() AS at`) as [
    { last: string | null; seq: bigint; at: Date },
  ];
  const prevHash = last ?? GENESIS_HASH;
  const content = {
    seq: seq.toString(),
    at: at.toISOString(),
    actorType: actor.kind,
    actorId: "id" in actor ? actor.id : null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    sessionId: entry.sessionId ?? null,
    data: entry.data ?? {},
  };
  const hash = auditHash(prevHash, content);
  await tx.auditLog.create({
    data: {
      seq,
      at,
      actorType: content.actorType,
      actorId: content.actorId,
      action: content.action,
      entityType: content.entityType,
      entityId: content.entityId,
      sessionId: content.sessionId,
      data: content.data as object,
      prevHash,
      hash,
    },
  });
  return hash;
}

/** The whole chain in seq order, as it is hashed (seq and time as text), in pages: it can be long. */
export async function* auditPages(db: Db): AsyncGenerator<AuditRow[]> {
  const pageSize = 5000;
  let after = -1n;
  for (;;) {
    const page = await db.auditLog.findMany({ where: { seq: { gt: after } }, orderBy: { seq: "asc" }, take: pageSize });
    if (page.length === 0) return;
    yield page.map((r) => ({
      seq: r.seq.toString(),
      at: r.at.toISOString(),
      actorType: r.actorType,
      actorId: r.actorId,
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      sessionId: r.sessionId,
      data: r.data,
      prevHash: r.prevHash,
      hash: r.hash,
    }));
    after = page[page.length - 1]!.seq;
  }
}

/** Verifies every link of the chain. */
export async function verifyAuditLog(db: Db): Promise<ChainCheck> {
  let prev = GENESIS_HASH;
  let total = 0;
  for await (const rows of auditPages(db)) {
    const check = verifyChain(rows, prev);
    if (!check.ok) return { ...check, count: total + check.count };
    total += check.count;
    prev = check.head;
  }
  return { ok: true, count: total, head: prev };
}

const anchorEntry = (r: { seq: bigint; action: string; entityId: string | null }): AnchorEntry => ({
  seq: r.seq.toString(),
  action: r.action,
  entityId: r.entityId,
});

/**
 * Checks what anchors the chain from outside it (server/domain/audit-anchors.ts): every
 * poll's ballots seal is recorded in the chain and still matches its ballots (recomputed),
 * and every
 * auditHead is the hash of that poll's certification entry.
 */
export async function verifyAnchors(db: Db): Promise<AnchorCheck> {
  const polls = await db.poll.findMany({
    where: { OR: [{ ballotsHash: { not: null } }, { auditHead: { not: null } }] },
    select: { id: true, ballotsHash: true, auditHead: true },
    orderBy: { createdAt: "asc" },
  });
  const anchors = [];
  for (const poll of polls) {
    const [sealRows, headRow, current] = await Promise.all([
      poll.ballotsHash
        ? db.auditLog.findMany({
            where: { entityId: poll.id, action: { in: [...SEAL_ACTIONS] }, data: { path: ["ballotsHash"], equals: poll.ballotsHash } },
            select: { seq: true, action: true, entityId: true },
            take: 1,
          })
        : [],
      poll.auditHead
        ? db.auditLog.findUnique({ where: { hash: poll.auditHead }, select: { seq: true, action: true, entityId: true } })
        : null,
      sealBallots(db, poll.id),
    ]);
    anchors.push({
      poll,
      sealEntry: sealRows[0] ? anchorEntry(sealRows[0]) : null,
      headEntry: headRow ? anchorEntry(headRow) : null,
      currentSeal: current.hash,
    });
  }
  return checkAnchors(anchors);
}

/** The entry whose hash starts with `prefix` (a head copied from a 公告), if the chain holds it. */
export async function findHead(db: Db, prefix: string): Promise<(AnchorEntry & { at: Date; hash: string }) | null> {
  const row = await db.auditLog.findFirst({
    where: { hash: { startsWith: prefix } },
    select: { seq: true, action: true, entityId: true, at: true, hash: true },
  });
  return row ? { ...anchorEntry(row), at: row.at, hash: row.hash } : null;
}

export async function auditHead(tx: Tx | Db): Promise<string> {
  const last = await tx.auditLog.findFirst({ orderBy: { seq: "desc" }, select: { hash: true } });
  return last?.hash ?? GENESIS_HASH;
}

/** The secretariat's audit viewer: newest first, filtered, with the chain's verification. */
export async function queryAuditLog(
  db: Db,
  q: { sessionId?: string; actorId?: string; action?: string; from?: string; to?: string; before?: string; limit: number },
) {
  const rows = await db.auditLog.findMany({
    where: {
      sessionId: q.sessionId,
      actorId: q.actorId,
      action: q.action ? { startsWith: q.action } : undefined,
      at: { gte: q.from ? new Date(q.from) : undefined, lte: q.to ? new Date(q.to) : undefined },
      seq: q.before ? { lt: BigInt(q.before) } : undefined,
    },
    orderBy: { seq: "desc" },
    take: q.limit,
  });
  const staffIds = rows.filter((r) => r.actorType === "staff" && r.actorId).map((r) => r.actorId!);
  const delegateIds = rows.filter((r) => r.actorType === "delegate" && r.actorId).map((r) => r.actorId!);
  const [staff, delegates, chain] = await Promise.all([
    db.staffUser.findMany({ where: { id: { in: staffIds } }, select: { id: true, displayName: true } }),
    db.delegate.findMany({ where: { id: { in: delegateIds } }, select: { id: true, name: true } }),
    verifyAuditLog(db),
  ]);
  const names = new Map([...staff.map((s) => [s.id, s.displayName] as const), ...delegates.map((d) => [d.id, d.name] as const)]);
  return {
    rows: rows.map((r) => ({
      seq: r.seq.toString(),
      at: r.at,
      actorType: r.actorType,
      actorId: r.actorId,
      actorName: r.actorId ? (names.get(r.actorId) ?? null) : null,
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      data: r.data,
      hash: r.hash,
    })),
    chain: { ok: chain.ok, count: chain.count, brokenSeq: chain.ok ? null : chain.brokenSeq },
  };
}
