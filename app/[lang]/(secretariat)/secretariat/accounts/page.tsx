import type { Metadata } from "next";
import { AccountsManager } from "~/components/console/accounts";
import { ConsoleHeader } from "~/components/console/console-header";
import { Forbidden } from "~/components/layout/forbidden";
import { getTranslator } from "~/lib/i18n/server";
import { getServerCaller } from "~/server/api/server-caller";
import { requireActor } from "~/server/auth/require";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("console.accounts.title") };
}

/** Staff accounts are the administrator's alone (the procedures check again). */
export default async function AccountsPage() {
  const [{ t }, actor] = await Promise.all([getTranslator(), requireActor("/secretariat/accounts", "ADMIN")]);
  if (!actor) return <Forbidden t={t} />;
  const caller = await getServerCaller();
  const [staff, departments] = await Promise.all([caller.accounts.list(), caller.slate.departments()]);
  return (
    <div className="flex flex-col gap-6">
      <ConsoleHeader t={t} title={t("console.accounts.title")} intro={t("console.accounts.intro")} path="/secretariat/accounts" />
      <AccountsManager initial={staff} departments={departments} selfId={actor.id} />
    </div>
  );
}
