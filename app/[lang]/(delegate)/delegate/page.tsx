import type { Metadata } from "next";
import Link from "next/link";
import { SessionStatus } from "~/components/delegate/session-status";
import { Forbidden } from "~/components/layout/forbidden";
import { getTranslator } from "~/lib/i18n/server";
import { getServerCaller } from "~/server/api/server-caller";
import { requireActor } from "~/server/auth/require";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("delegate.title") };
}

export default async function DelegateHome() {
  const [{ t }, actor] = await Promise.all([getTranslator(), requireActor("/delegate", "delegate")]);
  if (!actor) return <Forbidden t={t} />;
  const caller = await getServerCaller();
  const [me, state] = await Promise.all([caller.delegate.me(), caller.delegate.state()]);
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-4">
      <h1 className="text-2xl font-bold">{t("delegate.greeting", { name: me.name })}</h1>
      {/* What to do now comes first, with the page; it refreshes itself (check-in and poll state change during the session). */}
      <SessionStatus initialState={state} />
      <section className="panel">
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-3 text-lg">
          <dt className="text-muted">{t("delegate.session")}</dt>
          <dd>{me.sessionName}</dd>
          <dt className="text-muted">{t("delegate.delegation")}</dt>
          <dd>{me.delegationName}</dd>
          <dt className="text-muted">{t("delegate.seat")}</dt>
          <dd className="text-2xl font-bold">{me.seat}</dd>
          <dt className="text-muted">{t("delegate.cardCode")}</dt>
          <dd>{me.cardCode}</dd>
        </dl>
        {me.isScrutineer && <p className="mt-3 rounded-lg bg-amber-100 p-3 text-lg font-semibold">{t("delegate.scrutineer")}</p>}
      </section>
      <nav aria-label={t("projects.nav.afterVote")} className="panel flex flex-col gap-3">
        <h2 className="text-xl font-bold">{t("projects.nav.afterVote")}</h2>
        <Link href="/delegate/supervise" className="btn-secondary min-h-14 text-lg">
          {t("projects.supervise.title")}
        </Link>
        <Link href="/delegate/rating" className="btn-secondary min-h-14 text-lg">
          {t("projects.rating.title")}
        </Link>
      </nav>
    </div>
  );
}
