import path from "node:path";
import { pathToFileURL } from "node:url";
import { hashSecret } from "../server/auth/password";
import { ballotSealKey } from "../server/ballot-seal-key";
import { createDbClient, type Db } from "../server/db-client";
import { appendAudit } from "../server/services/audit";
import { LocalDiskStorage, type FileStorage } from "../server/storage/file-storage";
import {
  CANDIDATES,
  CONGRESS_NAME,
  DELEGATIONS,
  DEMO_DELEGATE_PIN,
  DEMO_STAFF_PASSWORD,
  DEPARTMENTS,
  SCRUTINEER_INDEXES,
  SESSION_NAME,
  SESSION_STARTS_ON,
  SESSION_YEAR,
  STAFF,
  SUGGESTIONS,
  cardCode,
  delegateName,
  FOLLOWUP_AS_OF,
} from "./seed-data";
import { followUp, type SeededSession } from "./seed-followup";

/** The demo's two stages: the day of the vote (the default), and the autumn after it. */
export const DEMO_STAGES = { vote: "VOTE", followup: "FOLLOWUP" } as const;
export type DemoStageName = keyof typeof DEMO_STAGES;

/** DEMO_STAGE as `npm start` and `npm run db:seed` read it; anything but the two names is refused. */
export function demoStageFromEnv(value = process.env.DEMO_STAGE): DemoStageName {
  if (value === undefined || value === "" || value === "vote") return "vote";
  if (value === "followup") return "followup";
  throw new Error(`DEMO_STAGE=${value} is not a demo stage: leave it unset for the day of the vote, or set DEMO_STAGE=followup.`);
}

/** Where the app keeps uploaded photos (server/env.ts's UPLOAD_DIR, default "uploads"): the follow-up's photos go there. */
export function uploadStorage(): FileStorage {
  return new LocalDiskStorage(path.resolve(process.env.UPLOAD_DIR ?? "uploads"));
}

/**
 * Loads the Linzi 2021 demo into an empty database, at either stage. Refuses to run on a
 * database that already holds a congress, so it can never overwrite real data. The
 * DemoDataSet row, which names the stage, is written last: a load that failed half way
 * is never taken for a whole one.
 */
export async function seedDemo(
  db: Db,
  stage: DemoStageName = "vote",
  storage: FileStorage = uploadStorage(),
): Promise<{ delegates: number; candidates: number }> {
  // The follow-up's vote is cast into the sealed ballot box and counted by opening it, both
  // under the key-encryption key the app will serve with: without it the load would stop
  // half way, after the session and its check-ins were written.
  if (stage === "followup" && !ballotSealKey()) {
    throw new Error(
      "The follow-up demo holds its vote through the sealed ballot box, which needs BALLOT_SEAL_KEY: set the key the app will run with " +
        "(32 random bytes in base64, `openssl rand -base64 32`), or load it with `DEMO_STAGE=followup npm start`, which provides the one in DATA_DIR.",
    );
  }
  const session = await loadSession(db);
  if (stage === "followup") await followUp(db, storage, session);
  await db.demoDataSet.create({
    data: { stage: DEMO_STAGES[stage], asOf: stage === "followup" ? new Date(FOLLOWUP_AS_OF) : null },
  });
  return { delegates: session.delegates.length, candidates: session.candidateIds.length };
}

/** The session as it stood before the vote: congress, departments, staff, delegates, the slate. */
async function loadSession(db: Db): Promise<SeededSession> {
  if ((await db.congress.count()) > 0) throw new Error("The database already holds data; the demo seed only fills an empty database.");

  // Every demo delegate shares one PIN, so it is hashed once (each hash costs ~40 ms on purpose).
  const [pinHash, staffHash] = await Promise.all([hashSecret(DEMO_DELEGATE_PIN), hashSecret(DEMO_STAFF_PASSWORD)]);

  return db.$transaction(
    async (tx) => {
      const congress = await tx.congress.create({ data: { name: CONGRESS_NAME, level: "DISTRICT" } });
      const session = await tx.congressSession.create({
        data: { congressId: congress.id, name: SESSION_NAME, year: SESSION_YEAR, startsOn: new Date(SESSION_STARTS_ON) },
      });

      const departments = new Map<string, string>();
      for (const d of DEPARTMENTS) {
        const row = await tx.department.create({ data: { name: d.name } });
        departments.set(d.key, row.id);
      }
      const staffRows = await Promise.all(
        STAFF.map((s) =>
          tx.staffUser.create({
            data: {
              username: s.username,
              displayName: s.displayName,
              passwordHash: staffHash,
              role: s.role,
              departmentId: s.department ? departments.get(s.department) : null,
            },
          }),
        ),
      );
      await tx.sessionClerk.createMany({
        data: staffRows.filter((s) => s.role === "CLERK").map((s) => ({ sessionId: session.id, staffId: s.id })),
      });

      const delegates: {
        id: string;
        sessionId: string;
        delegationId: string;
        name: string;
        seat: string;
        cardCode: string;
        pinHash: string;
      }[] = [];
      let index = 0;
      for (const [order, d] of DELEGATIONS.entries()) {
        const delegation = await tx.delegation.create({ data: { sessionId: session.id, name: d.name, sortOrder: order } });
        for (let k = 0; k < d.seats; k++, index++) {
          delegates.push({
            id: crypto.randomUUID(),
            sessionId: session.id,
            delegationId: delegation.id,
            name: delegateName(index),
            seat: `${String(order + 1).padStart(2, "0")}-${String(k + 1).padStart(2, "0")}`,
            cardCode: cardCode(index),
            pinHash,
          });
        }
      }
      await tx.delegate.createMany({ data: delegates });
      await tx.scrutineer.createMany({
        data: SCRUTINEER_INDEXES.map((i) => ({ sessionId: session.id, delegateId: delegates[i]!.id })),
      });

      const candidateIds: string[] = [];
      for (const [order, c] of CANDIDATES.entries()) {
        const row = await tx.candidate.create({
          data: {
            sessionId: session.id,
            title: c.title,
            category: c.category,
            summary: c.summary,
            departmentId: departments.get(c.department)!,
            budgetWan: c.budgetWan,
            location: c.location,
            targets: c.targets,
            deadline: new Date(c.deadline),
            sortOrder: order + 1,
          },
        });
        candidateIds.push(row.id);
      }
      for (const s of SUGGESTIONS) {
        const row = await tx.suggestion.create({
          data: {
            sessionId: session.id,
            title: s.title,
            description: s.description,
            category: s.category,
            location: s.location,
            status: "APPROVED",
          },
        });
        await tx.candidateSuggestion.create({ data: { candidateId: candidateIds[s.candidate]!, suggestionId: row.id } });
      }

      await appendAudit(
        tx,
        { kind: "system" },
        {
          action: "seed.demo",
          entityType: "CongressSession",
          entityId: session.id,
          sessionId: session.id,
          data: { delegates: delegates.length, candidates: candidateIds.length, staff: staffRows.length },
        },
      );
      return {
        sessionId: session.id,
        delegates: delegates.map((d) => ({ id: d.id, name: d.name })),
        staff: new Map(staffRows.map((s) => [s.username, s])),
        candidateIds,
      };
    },
    { timeout: 60_000 },
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("DATABASE_URL is not set.");
    process.exit(2);
  }
  const db = createDbClient(url);
  const stage = demoStageFromEnv();
  seedDemo(db, stage)
    .then((r) => console.log(`Demo data loaded (${stage} stage): ${r.delegates} delegates, ${r.candidates} candidate projects.`))
    .catch((e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exitCode = 1;
    })
    .finally(() => db.$disconnect());
}
