import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { HallScreen } from "~/components/screen/hall-screen";
import { FullCatalog } from "~/components/i18n/full-catalog";
import { TrpcProvider } from "~/components/trpc/trpc-provider";
import { getTranslator } from "~/lib/i18n/server";
import { ZId } from "~/lib/schemas/common";
import { getServerCaller } from "~/server/api/server-caller";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("screen.title") };
}

/** The hall's big screen. Public on purpose: it shows counts, and results only once published. */
export default async function HallScreenPage({ params }: { params: Promise<{ sessionId: string }> }) {
  const [{ sessionId }, { locale }] = await Promise.all([params, getTranslator()]);
  if (!ZId.safeParse(sessionId).success) notFound();
  const caller = await getServerCaller();
  const [turnout, current] = await Promise.all([caller.public.turnout({ sessionId }), caller.public.currentSession()]);
  // No such session: nobody is seated in it.
  if (turnout.seated === 0 && current?.id !== sessionId) notFound();
  const sessionName = current?.id === sessionId ? `${current.congressName} · ${current.name}` : null;
  return (
    <FullCatalog locale={locale}>
      <TrpcProvider>
        <HallScreen sessionId={sessionId} sessionName={sessionName} initialTurnout={turnout} />
      </TrpcProvider>
    </FullCatalog>
  );
}
