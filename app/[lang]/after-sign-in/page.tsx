import { redirect } from "next/navigation";
import { homePathOf } from "~/server/auth/actor";
import { getActor } from "~/server/auth/session";

/** The header's "sign in / my pages" link on cached public pages: each account to its own home, anyone else to sign-in. */
export default async function AfterSignIn() {
  const actor = await getActor();
  redirect(actor ? homePathOf(actor) : "/sign-in");
}
