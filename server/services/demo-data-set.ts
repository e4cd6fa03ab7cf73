import "server-only";
import { localToday } from "~/lib/format";
import type { TDemoDataSet } from "~/lib/schemas/session";
import { calendarDay } from "../domain/project-progress";
import type { Db, Tx } from "../db-client";

/** The demo data set this database holds (prisma/seed.ts writes it), or null: real data. */
export async function getDemoDataSet(db: Db | Tx): Promise<TDemoDataSet | null> {
  const row = await db.demoDataSet.findUnique({ where: { id: 1 }, select: { stage: true, asOf: true } });
  return row && { stage: row.stage, asOf: calendarDay(row.asOf) };
}

/**
 * The day 滞后 and "latest update" are judged against: today, except in the follow-up demo,
 * whose 2021 data would otherwise read as four years late. That stored day is the one
 * setting that moves it; the pages show it (DemoNotice), and real data never has one.
 */
export async function statusDay(db: Db | Tx): Promise<string> {
  return (await getDemoDataSet(db))?.asOf ?? localToday();
}
