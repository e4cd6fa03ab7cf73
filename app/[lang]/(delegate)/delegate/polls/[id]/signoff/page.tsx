import type { Metadata } from "next";
import { Signoff } from "~/components/delegate/signoff";
import { Forbidden } from "~/components/layout/forbidden";
import { getTranslator } from "~/lib/i18n/server";
import { getServerCaller } from "~/server/api/server-caller";
import { requireActor } from "~/server/auth/require";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("signoff.title") };
}

/** Scrutineers only; the procedures check again (per session, per poll) on every call. */
export default async function SignoffPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const [{ t }, actor] = await Promise.all([getTranslator(), requireActor(`/delegate/polls/${id}/signoff`, "delegate")]);
  if (!actor) return <Forbidden t={t} />;
  const caller = await getServerCaller();
  const me = await caller.delegate.me();
  if (!me.isScrutineer) return <Forbidden t={t} />;
  // The count comes with the page; a refusal (poll still open, unknown id …) is left to the
  // client, which shows it localized and keeps asking while the poll is being closed.
  const initialView = await caller.delegate.countForSignoff({ pollId: id }).catch(() => undefined);
  return <Signoff pollId={id} delegateName={me.name} initialView={initialView} />;
}
