import type { Metadata } from "next";
import Link from "next/link";
import { Forbidden } from "~/components/layout/forbidden";
import { RatingBallot } from "~/components/projects/rating-ballot/rating-ballot";
import { getTranslator } from "~/lib/i18n/server";
import { getServerCaller } from "~/server/api/server-caller";
import { requireActor } from "~/server/auth/require";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("projects.rating.title") };
}

/** 满意度测评 on the phone: every approved project of the delegate's session, when a round is open. */
export default async function RatingPage() {
  const [{ t }, actor] = await Promise.all([getTranslator(), requireActor("/delegate/rating", "delegate")]);
  if (!actor || actor.kind !== "delegate") return <Forbidden t={t} />;
  const caller = await getServerCaller();
  const [round, projects] = await Promise.all([caller.projects.openRound(), caller.projects.list({ sessionId: actor.sessionId })]);
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-4">
      <Link href="/delegate" className="btn-secondary self-start">
        ← {t("nav.delegate")}
      </Link>
      {round ? (
        <RatingBallot
          roundId={round.id}
          roundTitle={round.title}
          delegateId={actor.id}
          projects={projects.map((p) => ({ id: p.id, title: p.title, unitName: p.unitName }))}
        />
      ) : (
        <section className="panel flex flex-col gap-2 border-l-8 border-stone-400">
          <h1 className="text-2xl font-bold">{t("projects.rating.title")}</h1>
          <p className="text-lg">{t("projects.rating.noRound")}</p>
        </section>
      )}
    </div>
  );
}
