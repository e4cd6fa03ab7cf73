import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Forbidden } from "~/components/layout/forbidden";
import { PollDetail } from "~/components/secretariat/poll-detail";
import { getTranslator } from "~/lib/i18n/server";
import { ZId } from "~/lib/schemas/common";
import { getServerCaller } from "~/server/api/server-caller";
import { requireActor } from "~/server/auth/require";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("cockpit.detailTitle") };
}

export default async function PollDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const [{ t }, actor] = await Promise.all([getTranslator(), requireActor(`/secretariat/polls/${id}`, "SECRETARIAT")]);
  if (!actor) return <Forbidden t={t} />;
  if (!ZId.safeParse(id).success) notFound();
  const caller = await getServerCaller();
  const poll = await caller.secretariat.poll({ pollId: id }).catch(() => notFound());
  const [overview, turnout, polls] = await Promise.all([
    caller.secretariat.overview({ sessionId: poll.sessionId }),
    caller.secretariat.turnout({ sessionId: poll.sessionId }),
    caller.secretariat.polls({ sessionId: poll.sessionId }),
  ]);
  return (
    <div className="flex flex-col gap-4">
      <nav aria-label={t("cockpit.breadcrumb")} className="flex flex-wrap gap-2">
        <Link href="/secretariat/session" className="btn-secondary">
          ← {t("cockpit.backToCockpit")}
        </Link>
      </nav>
      <p className="text-lg text-muted">
        {overview.congressName} · {overview.name}
      </p>
      <PollDetail initial={poll} initialTurnout={turnout} initialPolls={polls} quorumNeeded={overview.quorumNeeded} />
    </div>
  );
}
