import { formatStamp } from "~/lib/format";
import { secretariatTableExport } from "~/server/api/table-export";
import { db } from "~/server/db";
import { attendanceTable } from "~/server/services/exports";

/** 签到表: every active delegate of the session with their check-in time; secretariat only. */
export const GET = secretariatTableExport(async (id, t, locale) => {
  const table = await attendanceTable(
    db,
    id,
    {
      delegation: t("console.exports.attendance.delegation"),
      seat: t("console.exports.attendance.seat"),
      name: t("console.exports.attendance.name"),
      cardCode: t("console.exports.attendance.cardCode"),
      checkedInAt: t("common.beijingTime", { time: t("console.exports.attendance.checkedInAt") }),
      method: t("console.exports.attendance.method"),
      self: t("console.exports.attendance.self"),
      desk: t("console.exports.attendance.desk"),
    },
    (d) => formatStamp(d, locale),
  );
  return { table, title: t("console.exports.attendanceFile", { session: table.title }), asciiName: `session-${id}-attendance` };
});
