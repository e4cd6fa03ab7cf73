import { redirect } from "next/navigation";
import { getActor } from "~/server/auth/session";

/** Sends each account to its own home after sign-in. */
export default async function AfterSignIn() {
  const actor = await getActor();
  if (!actor) redirect("/sign-in");
  if (actor.kind === "delegate") redirect("/delegate");
  redirect(actor.role === "CLERK" ? "/clerk" : actor.role === "DEPARTMENT" ? "/department" : "/secretariat");
}
