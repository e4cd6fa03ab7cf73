import type { Metadata } from "next";
import Link from "next/link";
import { Forbidden } from "~/components/layout/forbidden";
import { getTranslator } from "~/lib/i18n/server";
import { getServerCaller } from "~/server/api/server-caller";
import { requireActor } from "~/server/auth/require";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("secretariat.title") };
}

function Stat({ label, value, note }: { label: string; value: number | string; note?: string }) {
  return (
    <div className="panel">
      <dt className="text-base text-muted">{label}</dt>
      <dd className="text-3xl font-bold tabular-nums">{value}</dd>
      {note && <dd className="text-base">{note}</dd>}
    </div>
  );
}

export default async function SecretariatDashboard() {
  const [{ t }, actor] = await Promise.all([getTranslator(), requireActor("/secretariat", "SECRETARIAT")]);
  if (!actor) return <Forbidden t={t} />;
  const caller = await getServerCaller();
  const current = await caller.public.currentSession();
  if (!current) return <p className="panel">{t("home.noSession")}</p>;
  const o = await caller.secretariat.overview({ sessionId: current.id });
  return (
    <div className="flex flex-col gap-6">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <p className="text-lg text-muted">{o.congressName}</p>
          <h1 className="text-2xl font-bold">
            {t("secretariat.title")} · {o.name}
          </h1>
        </div>
        <nav className="flex flex-wrap gap-2" aria-label={t("secretariat.title")}>
          <Link href="/secretariat/session" className="btn-primary">
            {t("cockpit.openCockpit")}
          </Link>
          <Link href="/secretariat/console" className="btn-secondary">
            {t("console.title")}
          </Link>
          <Link href="/secretariat/followup" className="btn-secondary">
            {t("projects.followup.title")}
          </Link>
        </nav>
      </header>
      <section aria-labelledby="overview-heading">
        <h2 id="overview-heading" className="mb-2 text-xl font-bold">
          {t("secretariat.overview")}
        </h2>
        <dl className="grid grid-cols-2 gap-3 md:grid-cols-4">
          <Stat label={t("secretariat.seated")} value={o.seated} />
          <Stat label={t("secretariat.present")} value={o.present} />
          <Stat
            label={t("secretariat.quorum")}
            value={o.quorumMet ? "✓" : "✗"}
            note={o.quorumMet ? t("secretariat.quorumMet") : t("secretariat.quorumNotMet", { needed: o.quorumNeeded })}
          />
          <Stat label={t("secretariat.checkInOpen")} value={o.checkInOpen ? t("secretariat.open") : t("secretariat.closed")} />
          <Stat label={t("secretariat.candidates")} value={o.candidates} />
          <Stat label={t("secretariat.polls")} value={o.polls} />
          <Stat label={t("secretariat.delegations")} value={o.delegations.length} />
        </dl>
      </section>
      <section aria-labelledby="delegations-heading" className="panel overflow-x-auto">
        <h2 id="delegations-heading" className="mb-2 text-xl font-bold">
          {t("secretariat.byDelegation")}
        </h2>
        <table className="w-full text-left text-base">
          <thead>
            <tr className="border-b-2 border-stone-300">
              <th scope="col" className="py-2">
                {t("secretariat.delegationName")}
              </th>
              <th scope="col" className="py-2 text-right">
                {t("secretariat.members")}
              </th>
              <th scope="col" className="py-2 text-right">
                {t("secretariat.checkedIn")}
              </th>
            </tr>
          </thead>
          <tbody>
            {o.delegations.map((d) => (
              <tr key={d.id} className="border-b border-stone-200">
                <th scope="row" className="py-2 font-normal">
                  {d.name}
                </th>
                <td className="py-2 text-right tabular-nums">{d.members}</td>
                <td className="py-2 text-right tabular-nums">{d.checkedIn}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
