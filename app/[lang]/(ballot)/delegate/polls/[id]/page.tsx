import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { Ballot } from "~/components/delegate/ballot/ballot";
import { Forbidden } from "~/components/layout/forbidden";
import { getTranslator } from "~/lib/i18n/server";
import { getServerCaller } from "~/server/api/server-caller";
import { requireActor } from "~/server/auth/require";
import { publicOrigin } from "~/server/http/public-origin";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("vote.ballot.title") };
}

export default async function BallotPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const [{ t }, actor] = await Promise.all([getTranslator(), requireActor(`/delegate/polls/${id}`, "delegate")]);
  if (!actor) return <Forbidden t={t} />;
  // The first view comes with the page (one round trip less on congested Wi-Fi); the
  // ballot then keeps it fresh itself. Another session's poll, a draft or a bad id: 404.
  const initialPoll = await (await getServerCaller()).delegate.poll({ pollId: id }).catch((error: unknown) => {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  });
  return <Ballot pollId={id} delegateId={actor.id} initialPoll={initialPoll} publicOrigin={publicOrigin(await headers())} />;
}
