import type { Metadata } from "next";
import Link from "next/link";
import { Forbidden } from "~/components/layout/forbidden";
import { DeskCheckIn } from "~/components/secretariat/desk-check-in";
import { getTranslator } from "~/lib/i18n/server";
import { getServerCaller } from "~/server/api/server-caller";
import { requireActor } from "~/server/auth/require";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("clerk.title") };
}

/** A tally clerk's home: the check-in desk and the polls waiting for paper ballots. */
export default async function ClerkHome() {
  const [{ t }, actor] = await Promise.all([getTranslator(), requireActor("/clerk", "CLERK")]);
  if (!actor) return <Forbidden t={t} />;
  const caller = await getServerCaller();
  const current = await caller.public.currentSession();
  if (!current) return <p className="panel">{t("home.noSession")}</p>;
  const { checkInOpen, polls } = await caller.clerk.session({ sessionId: current.id });
  const entering = polls.filter((p) => p.status === "PAPER_ENTRY");
  const open = polls.find((p) => p.status === "OPEN") ?? null;
  return (
    <div className="flex flex-col gap-6">
      <header>
        <p className="text-lg text-muted">{current.name}</p>
        <h1 className="text-2xl font-bold">{t("clerk.title")}</h1>
      </header>
      <section aria-labelledby="paper-heading" className="panel flex flex-col gap-3">
        <h2 id="paper-heading" className="text-xl font-bold">
          {t("clerk.pollsHeading")}
        </h2>
        <p className="text-base text-muted">{t("clerk.pollsHint")}</p>
        {entering.length === 0 ? (
          <p className="text-lg">{t("clerk.noPolls")}</p>
        ) : (
          <ul className="flex flex-col gap-2">
            {entering.map((p) => (
              <li key={p.id}>
                <Link className="btn-primary" href={`/clerk/polls/${p.id}`}>
                  {t("clerk.enter", { title: p.title })}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      <DeskCheckIn sessionId={current.id} checkInOpen={checkInOpen} openPoll={open && { id: open.id, title: open.title }} />
    </div>
  );
}
