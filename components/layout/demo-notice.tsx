import { formatLongDay } from "~/lib/format";
import type { Locale } from "~/lib/i18n/config";
import type { Translate } from "~/lib/i18n/translate";
import { getPublicCaller } from "~/server/api/server-caller";

/**
 * Says plainly that the pages show the Linzi 2021 demo, and for the follow-up stage the day
 * its figures stand at (滞后 is judged against that day, not today). Nothing for real data.
 */
export async function DemoNotice({ t, locale }: { t: Translate; locale: Locale }) {
  const demo = await getPublicCaller().public.demoDataSet();
  if (!demo) return null;
  return (
    <p role="note" className="mb-4 rounded-md border-2 border-sky-800 bg-sky-50 px-3 py-2 text-base font-semibold text-sky-950">
      {demo.asOf ? t("app.demoNoticeFollowup", { date: formatLongDay(new Date(demo.asOf), locale) }) : t("app.demoNoticeVote")}
    </p>
  );
}
