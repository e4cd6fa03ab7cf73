import type { Db } from "../../server/db-client";
import { getDemoDataSet } from "../../server/services/demo-data-set";
import { DEMO_STAGES, type DemoStageName } from "../../prisma/seed";

/**
 * A database holds one stage's demo or none: starting the other stage on it is refused
 * rather than mixing the two. Data without a DemoDataSet row (real data, a demo loaded by an
 * earlier version, a load that did not finish) serves only the default stage, as before.
 */
export async function checkDemoStage(db: Db, stage: DemoStageName, where: string): Promise<void> {
  const held = await getDemoDataSet(db);
  if (held ? held.stage === DEMO_STAGES[stage] : stage === "vote") return;
  const holds = !held
    ? "data that is not the follow-up demo (real data, or a demo load that did not finish)"
    : held.stage === "FOLLOWUP"
      ? "the follow-up demo (DEMO_STAGE=followup)"
      : "the demo of the day of the vote (no DEMO_STAGE)";
  throw new Error(
    `${where} holds ${holds}; ${stage === "vote" ? "a start without DEMO_STAGE" : "DEMO_STAGE=followup"} asks for the other stage, and the two are never mixed in one database. ` +
      `Without DATA_DIR each stage has a folder of its own (.data, .data-followup); otherwise choose another DATA_DIR ` +
      `(or DATABASE_URL), or start with the stage it holds.`,
  );
}
