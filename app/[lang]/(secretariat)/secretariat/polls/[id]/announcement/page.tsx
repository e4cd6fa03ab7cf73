import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Announcement } from "~/components/console/announcement";
import { withSession } from "~/components/console/console-header";
import { PrintButton } from "~/components/console/print-button";
import { Forbidden } from "~/components/layout/forbidden";
import { announcementData } from "~/lib/announcement";
import { getTranslator } from "~/lib/i18n/server";
import { ZId } from "~/lib/schemas/common";
import { getServerCaller } from "~/server/api/server-caller";
import { requireActor } from "~/server/auth/require";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("console.announcement.pageTitle") };
}

/** The official announcement (公告) of a published poll, to print, or to download as a PDF for filing. */
export default async function AnnouncementPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const [{ t, locale }, actor] = await Promise.all([getTranslator(), requireActor(`/secretariat/polls/${id}/announcement`, "SECRETARIAT")]);
  if (!actor) return <Forbidden t={t} />;
  if (!ZId.safeParse(id).success) notFound();
  const caller = await getServerCaller();
  const poll = await caller.secretariat.poll({ pollId: id }).catch(() => notFound());
  const back = (
    <nav aria-label={t("console.breadcrumb")} className="flex flex-wrap items-center gap-3 print:hidden">
      <Link href={withSession("/secretariat/exports", poll.sessionId)} className="btn-secondary">
        ← {t("console.announcement.back")}
      </Link>
    </nav>
  );
  if (poll.status !== "PUBLISHED" || !poll.result) {
    return (
      <div className="flex flex-col gap-4">
        {back}
        <p className="panel text-lg">{t("console.announcement.notPublished")}</p>
      </div>
    );
  }
  // The same words and table as the PDF and the CSV/XLSX exports, so the page and the files agree.
  const data = announcementData(await caller.exports.announcement({ pollId: id }), t);
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3 print:hidden">
        {back}
        <div className="flex flex-wrap items-center gap-3">
          <p className="text-base text-muted">{t("console.announcement.printHint")}</p>
          <a href={`/api/exports/polls/${id}/announcement`} download className="btn-secondary">
            {t("console.announcement.download")}
          </a>
          <PrintButton label={t("console.announcement.print")} />
        </div>
      </div>
      <Announcement t={t} locale={locale} data={data} />
    </div>
  );
}
