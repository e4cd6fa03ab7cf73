import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Forbidden } from "~/components/layout/forbidden";
import { PaperEntryForm } from "~/components/secretariat/paper-entry-form";
import { getTranslator } from "~/lib/i18n/server";
import { ZId } from "~/lib/schemas/common";
import { getServerCaller } from "~/server/api/server-caller";
import { requireActor } from "~/server/auth/require";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("paper.title") };
}

/** The poll's tally clerks (计票人) type in the paper ballots issued at the desk; nobody else may. */
export default async function PaperEntryPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const [{ t }, actor] = await Promise.all([getTranslator(), requireActor(`/clerk/polls/${id}`, "CLERK")]);
  if (!actor) return <Forbidden t={t} />;
  if (!ZId.safeParse(id).success) notFound();
  const caller = await getServerCaller();
  const poll = await caller.clerk.paperPoll({ pollId: id }).catch(() => notFound());
  const status = poll.status === "PAPER_ENTRY" && poll.mayEnter ? await caller.clerk.paperStatus({ pollId: id }) : null;
  return (
    <div className="flex flex-col gap-4">
      {actor.kind === "staff" && actor.role !== "CLERK" && (
        <Link href={`/secretariat/polls/${poll.id}`} className="btn-secondary self-start">
          ← {t("paper.back")}
        </Link>
      )}
      <header>
        <p className="text-lg text-muted">{t("paper.title")}</p>
        <h1 className="text-2xl font-bold">{poll.title}</h1>
        <p className="mt-2 text-base">{t("paper.intro")}</p>
      </header>
      {status ? (
        <PaperEntryForm poll={poll} initialStatus={status} />
      ) : (
        <p className="panel text-lg" role="status">
          {t(poll.status === "PAPER_ENTRY" ? "paper.notDesignated" : "paper.notClosed")}
        </p>
      )}
    </div>
  );
}
