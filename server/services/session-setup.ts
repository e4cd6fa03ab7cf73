import "server-only";
import type { StaffActor } from "../auth/actor";
import type { Db } from "../db-client";
import { TALLY_CLERK_ROLES } from "../domain/permissions";
import { AppError, parseInput } from "../errors";
import type { TCreateSessionInput, TSessionSetup } from "~/lib/schemas/session-setup";
import { ZCreateSessionInput } from "~/lib/schemas/session-setup";
import { appendAudit } from "./audit";
import { notifySession } from "./notify";

export async function createSession(db: Db, actor: StaffActor, raw: TCreateSessionInput): Promise<string> {
  const input = parseInput(ZCreateSessionInput, raw);
  return db.$transaction(async (tx) => {
    const congress = await tx.congress.findUnique({ where: { id: input.congressId }, select: { id: true } });
    if (!congress) throw new AppError("NOT_FOUND");
    const clash = await tx.congressSession.count({ where: { congressId: input.congressId, year: input.year, name: input.name } });
    if (clash) throw new AppError("CONFLICT");
    const session = await tx.congressSession.create({
      data: {
        congressId: input.congressId,
        name: input.name,
        year: input.year,
        startsOn: new Date(input.startsOn),
        delegations: { create: [...new Set(input.delegations)].map((name, i) => ({ name, sortOrder: i })) },
      },
    });
    await appendAudit(tx, actor, {
      action: "session.created",
      entityType: "CongressSession",
      entityId: session.id,
      sessionId: session.id,
      data: { name: input.name, year: input.year },
    });
    return session.id;
  });
}

export async function addDelegation(db: Db, actor: StaffActor, sessionId: string, name: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const exists = await tx.delegation.count({ where: { sessionId, name } });
    if (exists) throw new AppError("CONFLICT");
    const order = await tx.delegation.count({ where: { sessionId } });
    await tx.delegation.create({ data: { sessionId, name, sortOrder: order } });
    await appendAudit(tx, actor, {
      action: "delegation.added",
      entityType: "CongressSession",
      entityId: sessionId,
      sessionId,
      data: { name },
    });
  });
}

/** Scrutineers (监票人) are delegates of the session; the list replaces the previous one. */
export async function setScrutineers(db: Db, actor: StaffActor, sessionId: string, delegateIds: string[]): Promise<void> {
  await db.$transaction(async (tx) => {
    const valid = await tx.delegate.count({ where: { id: { in: delegateIds }, sessionId, active: true } });
    if (valid !== new Set(delegateIds).size) throw new AppError("BAD_INPUT", { field: "delegateIds" });
    await tx.scrutineer.deleteMany({ where: { sessionId } });
    await tx.scrutineer.createMany({ data: [...new Set(delegateIds)].map((delegateId) => ({ sessionId, delegateId })) });
    await appendAudit(tx, actor, {
      action: "session.scrutineers",
      entityType: "CongressSession",
      entityId: sessionId,
      sessionId,
      data: { delegateIds },
    });
    // A scrutineer's phone shows the sign-off list: the chosen (and the no longer chosen) see it at once.
    await notifySession(tx, sessionId, "scrutineers");
  });
}

/** Tally clerks (计票人) are accounts designated for the session (TALLY_CLERK_ROLES: CLERK accounts). */
export async function setClerks(db: Db, actor: StaffActor, sessionId: string, staffIds: string[]): Promise<void> {
  await db.$transaction(async (tx) => {
    const valid = await tx.staffUser.count({ where: { id: { in: staffIds }, role: { in: [...TALLY_CLERK_ROLES.SESSION] }, active: true } });
    if (valid !== new Set(staffIds).size) throw new AppError("BAD_INPUT", { field: "staffIds" });
    await tx.sessionClerk.deleteMany({ where: { sessionId } });
    await tx.sessionClerk.createMany({ data: [...new Set(staffIds)].map((staffId) => ({ sessionId, staffId })) });
    await appendAudit(tx, actor, {
      action: "session.clerks",
      entityType: "CongressSession",
      entityId: sessionId,
      sessionId,
      data: { staffIds },
    });
  });
}

export async function getSessionSetup(db: Db, sessionId: string): Promise<TSessionSetup> {
  const s = await db.congressSession.findUnique({
    where: { id: sessionId },
    select: {
      id: true,
      name: true,
      year: true,
      startsOn: true,
      congress: { select: { name: true } },
      delegations: {
        orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
        select: { id: true, name: true, _count: { select: { delegates: { where: { active: true } } } } },
      },
      scrutineers: { select: { delegate: { select: { id: true, name: true, seat: true, delegation: { select: { name: true } } } } } },
      clerks: { select: { staff: { select: { id: true, displayName: true, username: true } } } },
    },
  });
  if (!s) throw new AppError("NOT_FOUND");
  const available = await db.staffUser.findMany({
    where: { role: { in: [...TALLY_CLERK_ROLES.SESSION] }, active: true },
    orderBy: { username: "asc" },
    select: { id: true, displayName: true, username: true },
  });
  return {
    id: s.id,
    name: s.name,
    year: s.year,
    startsOn: s.startsOn.toISOString().slice(0, 10),
    congressName: s.congress.name,
    seated: s.delegations.reduce((n, d) => n + d._count.delegates, 0),
    delegations: s.delegations.map((d) => ({ id: d.id, name: d.name, members: d._count.delegates })),
    scrutineers: s.scrutineers.map(({ delegate: d }) => ({ id: d.id, name: d.name, seat: d.seat, delegationName: d.delegation.name })),
    clerks: s.clerks.map((c) => c.staff),
    availableClerks: available,
  };
}

export function listCongresses(db: Db) {
  return db.congress.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } });
}

export async function listSessions(db: Db) {
  const rows = await db.congressSession.findMany({
    orderBy: [{ year: "desc" }, { startsOn: "desc" }],
    select: { id: true, name: true, year: true, congress: { select: { name: true } } },
  });
  return rows.map((s) => ({ id: s.id, name: s.name, year: s.year, congressName: s.congress.name }));
}

/** The roster as the secretariat manages it: every delegate, active or not, by delegation and seat. */
export async function listSessionDelegates(db: Db, sessionId: string) {
  const rows = await db.delegate.findMany({
    where: { sessionId },
    orderBy: [{ delegation: { sortOrder: "asc" } }, { seat: "asc" }],
    include: { delegation: { select: { name: true } } },
  });
  return rows.map((d) => ({
    id: d.id,
    name: d.name,
    seat: d.seat,
    cardCode: d.cardCode,
    delegationName: d.delegation.name,
    phone: d.phone,
    active: d.active,
  }));
}
