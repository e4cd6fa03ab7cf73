import "server-only";
import { redirect } from "next/navigation";
import type { StaffRole } from "../generated/prisma/enums";
import { staffMayAct } from "../domain/permissions";
import type { Actor } from "./actor";
import { getActor } from "./session";

/**
 * For pages: no session → the sign-in page (coming back here afterwards); a session of
 * the wrong kind → null, and the page shows "access denied". Procedures check again.
 */
export async function requireActor(path: string, allowed: "delegate" | StaffRole): Promise<Actor | null> {
  const actor = await getActor();
  if (!actor) redirect(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
  if (allowed === "delegate") return actor.kind === "delegate" ? actor : null;
  return actor.kind === "staff" && staffMayAct(actor.role, allowed) ? actor : null;
}
