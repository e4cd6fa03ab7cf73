import "server-only";
import type { StaffActor } from "../auth/actor";
import { hashSecret } from "../auth/password";
import type { Db } from "../db-client";
import { AppError, parseInput } from "../errors";
import type { TCreateStaffInput, TStaffRow, TUpdateStaffInput } from "~/lib/schemas/accounts";
import { ZCreateStaffInput, ZUpdateStaffInput } from "~/lib/schemas/accounts";
import { appendAudit } from "./audit";
import { notifySession } from "./notify";

export async function listStaff(db: Db): Promise<TStaffRow[]> {
  const rows = await db.staffUser.findMany({
    orderBy: [{ role: "asc" }, { username: "asc" }],
    include: { department: { select: { name: true } } },
  });
  return rows.map((s) => ({
    id: s.id,
    username: s.username,
    displayName: s.displayName,
    role: s.role,
    departmentId: s.departmentId,
    departmentName: s.department?.name ?? null,
    active: s.active,
  }));
}

export async function createStaff(db: Db, actor: StaffActor, raw: TCreateStaffInput): Promise<string> {
  const input = parseInput(ZCreateStaffInput, raw);
  const passwordHash = await hashSecret(input.password);
  return db.$transaction(async (tx) => {
    if (await tx.staffUser.count({ where: { username: input.username } })) throw new AppError("CONFLICT", { field: "username" });
    if (input.departmentId && !(await tx.department.count({ where: { id: input.departmentId } })))
      throw new AppError("BAD_INPUT", { field: "departmentId" });
    const s = await tx.staffUser.create({
      data: {
        username: input.username,
        displayName: input.displayName,
        passwordHash,
        role: input.role,
        departmentId: input.role === "DEPARTMENT" ? input.departmentId : null,
      },
    });
    await appendAudit(tx, actor, {
      action: "account.created",
      entityType: "StaffUser",
      entityId: s.id,
      data: { username: input.username, role: input.role, departmentId: s.departmentId },
    });
    return s.id;
  });
}

/**
 * Role, department and active flag in one audited change. A change of role or a
 * disable bumps authVersion, which ends the account's open sessions at once.
 * An admin cannot disable or demote themselves (the district would be locked out).
 */
export async function updateStaff(db: Db, actor: StaffActor, raw: TUpdateStaffInput): Promise<void> {
  const input = parseInput(ZUpdateStaffInput, raw);
  if (input.id === actor.id && (!input.active || input.role !== actor.role)) throw new AppError("FORBIDDEN");
  await db.$transaction(async (tx) => {
    const before = await tx.staffUser.findUnique({ where: { id: input.id } });
    if (!before) throw new AppError("NOT_FOUND");
    const departmentId = input.role === "DEPARTMENT" ? input.departmentId : null;
    if (departmentId && !(await tx.department.count({ where: { id: departmentId } })))
      throw new AppError("BAD_INPUT", { field: "departmentId" });
    const revoke = before.role !== input.role || (before.active && !input.active) || before.departmentId !== departmentId;
    await tx.staffUser.update({
      where: { id: input.id },
      data: { role: input.role, departmentId, active: input.active, ...(revoke ? { authVersion: { increment: 1 } } : {}) },
    });
    await appendAudit(tx, actor, {
      action: "account.updated",
      entityType: "StaffUser",
      entityId: input.id,
      data: {
        from: { role: before.role, departmentId: before.departmentId, active: before.active },
        to: { role: input.role, departmentId, active: input.active },
      },
    });
  });
}

/** Delegates can be disabled too (e.g. a delegate whose mandate ended); their sessions end at once. */
export async function setDelegateActive(db: Db, actor: StaffActor, delegateId: string, active: boolean): Promise<void> {
  await db.$transaction(async (tx) => {
    const d = await tx.delegate.findUnique({ where: { id: delegateId }, select: { sessionId: true, active: true } });
    if (!d) throw new AppError("NOT_FOUND");
    if (d.active === active) return;
    await tx.delegate.update({ where: { id: delegateId }, data: { active, authVersion: { increment: 1 } } });
    await notifySession(tx, d.sessionId, "account", delegateId);
    await appendAudit(tx, actor, {
      action: active ? "delegate.enabled" : "delegate.disabled",
      entityType: "Delegate",
      entityId: delegateId,
      sessionId: d.sessionId,
    });
  });
}
