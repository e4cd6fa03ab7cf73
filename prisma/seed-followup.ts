import { randomBytes } from "node:crypto";
import sharp from "sharp";
import type { DelegateActor, StaffActor } from "../server/auth/actor";
import type { Db } from "../server/db-client";
import { castBallot } from "../server/services/cast-ballot";
import { deskCheckIn, setCheckInOpen } from "../server/services/check-in";
import { closePoll } from "../server/services/close-poll";
import { createPoll } from "../server/services/create-poll";
import { openPoll } from "../server/services/open-poll";
import { postProgressUpdate, savePlan } from "../server/services/project-implementation";
import { publishPoll } from "../server/services/publish-poll";
import { moderate, submitFeedback } from "../server/services/resident-posts";
import { getCountForSignoff, signOff } from "../server/services/sign-off";
import { fileSupervisionNote, replyToNote } from "../server/services/supervision";
import type { FileStorage } from "../server/storage/file-storage";
import type { TChoice } from "../lib/schemas/vote";
import {
  CANDIDATES,
  FOLLOWUP_FEEDBACK,
  FOLLOWUP_PROJECTS,
  FOLLOWUP_SUPERVISION,
  FOLLOWUP_VOTE,
  SCRUTINEER_INDEXES,
  type FollowupUpdate,
} from "./seed-data";

/** What prisma/seed.ts's first step made, as the follow-up needs it. */
export interface SeededSession {
  sessionId: string;
  delegates: { id: string; name: string }[];
  staff: Map<string, { id: string; displayName: string; role: StaffActor["role"]; departmentId: string | null }>;
  candidateIds: string[];
}

/**
 * The follow-up stage: everything after the slate, done through the app's own services —
 * the check-in, the vote (cast by the delegates, closed, certified by two scrutineers,
 * published), the departments' plans and progress, 督办 and replies, residents' comments
 * and their moderation — so the ballot record recounts and the audit chain verifies.
 *
 * The services stamp rows with the time they run; the demo's own 2021 dates are written
 * onto those rows at the end (demoDates). The audit log keeps the real time each entry was
 * written: its chain hashes those times, and rewriting them would break it.
 */
export async function followUp(db: Db, storage: FileStorage, session: SeededSession): Promise<void> {
  const staff = (username: string): StaffActor => {
    const s = session.staff.get(username)!;
    return { kind: "staff", id: s.id, name: s.displayName, role: s.role, departmentId: s.departmentId, v: 0 };
  };
  const delegate = (index: number): DelegateActor => {
    const d = session.delegates[index]!;
    return { kind: "delegate", id: d.id, name: d.name, sessionId: session.sessionId, v: 0 };
  };
  const secretariat = staff("mishu");
  const departmentOf = (candidate: number) => staff(`dept-${CANDIDATES[candidate]!.department}`);

  const pollId = await holdVote(db, session, secretariat, delegate);

  const projectIds = new Map<number, string>();
  for (const p of FOLLOWUP_PROJECTS) {
    const c = CANDIDATES[p.candidate]!;
    const candidateId = session.candidateIds[p.candidate]!;
    projectIds.set(p.candidate, candidateId);
    await savePlan(db, departmentOf(p.candidate), {
      candidateId,
      leadOfficial: p.leadOfficial,
      budgetWan: c.budgetWan,
      deadline: c.deadline,
      startedOn: p.startedOn,
      completedOn: p.completedOn ?? null,
      milestones: p.milestones.map((m) => ({ title: m.title, plannedOn: m.plannedOn, achievedOn: m.achievedOn ?? null })),
    });
  }
  const updates: { id: string; at: string }[] = [];
  for (const p of FOLLOWUP_PROJECTS) {
    for (const u of p.updates) {
      const id = await postProgressUpdate(db, storage, departmentOf(p.candidate), {
        candidateId: projectIds.get(p.candidate)!,
        body: u.body,
        percent: u.percent,
        spentWan: u.spentWan,
        photos: u.photo ? [{ contentBase64: (await demoPhoto(u.photo)).toString("base64"), alt: u.photo.alt }] : [],
      });
      updates.push({ id, at: u.at });
    }
  }

  const notes: { id: string; at: string }[] = [];
  const replies: { id: string; at: string }[] = [];
  for (const n of FOLLOWUP_SUPERVISION) {
    const noteId = await fileSupervisionNote(db, delegate(n.delegate), {
      candidateId: session.candidateIds[n.candidate]!,
      kind: n.kind,
      groupName: n.groupName,
      summary: n.summary,
      body: n.body,
    });
    notes.push({ id: noteId, at: n.at });
    if (n.reply) replies.push({ id: await replyToNote(db, departmentOf(n.candidate), { noteId, body: n.reply.body }), at: n.reply.at });
  }

  const comments: { id: string; at: string }[] = [];
  for (const [i, f] of FOLLOWUP_FEEDBACK.entries()) {
    // Each comment from a client of its own: the anti-spam limit counts per client.
    const id = await submitFeedback(db, `demo-seed-${i}`, { candidateId: session.candidateIds[f.candidate]!, body: f.body });
    await moderate(db, secretariat, "feedback", id, f.approve);
    comments.push({ id, at: f.at });
  }

  await demoDates(db, session, pollId, { updates, notes, replies, comments });
}

/** Check-in, then the secret 等额 vote on the report's twelve projects, certified and published. */
async function holdVote(
  db: Db,
  session: SeededSession,
  secretariat: StaffActor,
  delegate: (index: number) => DelegateActor,
): Promise<string> {
  const absent = new Set<number>(FOLLOWUP_VOTE.absent);
  const noBallot = new Set<number>(FOLLOWUP_VOTE.noBallot);
  await setCheckInOpen(db, secretariat, session.sessionId, true);
  for (const [i, d] of session.delegates.entries()) if (!absent.has(i)) await deskCheckIn(db, secretariat, d.id);

  const pollId = await createPoll(db, secretariat, {
    sessionId: session.sessionId,
    title: FOLLOWUP_VOTE.title,
    kind: "EQUAL",
    candidateIds: session.candidateIds.slice(0, FOLLOWUP_VOTE.candidates),
  });
  await openPoll(db, secretariat, pollId);
  const slate = await db.pollCandidate.findMany({ where: { pollId }, orderBy: { position: "asc" }, select: { id: true } });
  for (const i of session.delegates.keys()) {
    if (absent.has(i) || noBallot.has(i)) continue;
    const choices: Record<string, TChoice> = {};
    for (const [j, pc] of slate.entries()) choices[pc.id] = demoChoice(i, j);
    await castBallot(db, delegate(i), { pollId, choices, idempotencyKey: randomBytes(18).toString("base64url") });
  }
  await closePoll(db, secretariat, pollId);
  for (const index of SCRUTINEER_INDEXES.slice(0, 2)) {
    const scrutineer = delegate(index);
    const count = await getCountForSignoff(db, scrutineer, pollId);
    await signOff(db, scrutineer, pollId, count.resultHash!);
  }
  await publishPoll(db, secretariat, pollId);
  await setCheckInOpen(db, secretariat, session.sessionId, false);
  return pollId;
}

/** Delegate i's mark on candidate j: fixed by a hash of (i, j), so every load gives the same result. */
function demoChoice(i: number, j: number): TChoice {
  let h = Math.imul(i + 1, 0x9e3779b1) ^ Math.imul(j + 1, 0x85ebca77);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  h ^= h >>> 13;
  const u = (h >>> 0) / 2 ** 32;
  const [forShare, againstShare] = FOLLOWUP_VOTE.shares[j]!;
  return u < forShare ? "FOR" : u < forShare + againstShare ? "AGAINST" : "ABSTAIN";
}

/** A site photo drawn at seed time (no network, no fonts): sky, ground and buildings in the update's hue. */
async function demoPhoto({ hue }: NonNullable<FollowupUpdate["photo"]>): Promise<Buffer> {
  const blocks = Array.from({ length: 6 }, (_, k) => {
    const h = 160 + ((hue * 7 + k * 53) % 220);
    return `<rect x="${60 + k * 180}" y="${620 - h}" width="140" height="${h}" fill="hsl(${(hue + k * 12) % 360},35%,${45 + k * 4}%)"/>`;
  }).join("");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="800">
    <defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="hsl(${hue},60%,78%)"/><stop offset="1" stop-color="hsl(${hue},40%,94%)"/></linearGradient></defs>
    <rect width="1200" height="800" fill="url(#sky)"/>
    <circle cx="1040" cy="130" r="60" fill="hsl(45,90%,70%)"/>
    ${blocks}
    <rect y="620" width="1200" height="180" fill="hsl(${(hue + 90) % 360},25%,40%)"/>
    <path d="M0 720 L1200 680 L1200 700 L0 740 Z" fill="hsl(0,0%,85%)"/>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}

/**
 * The demo's own dates on the rows the services stamped with today: check-in and the vote
 * on the session's third day, plans in February, each update, note, reply and comment on
 * its day. Only the audit log keeps the time the load really ran (see followUp).
 */
async function demoDates(
  db: Db,
  session: SeededSession,
  pollId: string,
  rows: Record<"updates" | "notes" | "replies" | "comments", { id: string; at: string }[]>,
): Promise<void> {
  const on = (time: string) => new Date(`${FOLLOWUP_VOTE.on}T${time}+08:00`);
  await db.$transaction(
    async (tx) => {
      await tx.$executeRaw`
        UPDATE "CheckIn" SET "checkedInAt" = ${on("08:00:00")}::timestamptz + (row_number * interval '7 seconds')
        FROM (SELECT "id", row_number() OVER (ORDER BY "checkedInAt", "id") AS row_number FROM "CheckIn" WHERE "sessionId" = ${session.sessionId}) AS o
        WHERE "CheckIn"."id" = o."id"`;
      await tx.poll.update({
        where: { id: pollId },
        data: {
          createdAt: new Date("2021-01-14T17:00:00+08:00"),
          openedAt: on("09:30:00"),
          closedAt: on("09:48:00"),
          certifiedAt: on("09:56:00"),
          publishedAt: on("10:05:00"),
        },
      });
      await tx.scrutineerSignoff.updateMany({ where: { pollId }, data: { signedAt: on("09:55:00") } });
      await tx.implementationPlan.updateMany({
        where: { candidate: { sessionId: session.sessionId } },
        data: { createdAt: new Date("2021-02-20T10:00:00+08:00"), updatedAt: new Date("2021-02-20T10:00:00+08:00") },
      });
      for (const u of rows.updates) {
        await tx.progressUpdate.update({ where: { id: u.id }, data: { createdAt: new Date(u.at) } });
        await tx.attachment.updateMany({ where: { updateId: u.id }, data: { createdAt: new Date(u.at) } });
      }
      for (const n of rows.notes) await tx.supervisionNote.update({ where: { id: n.id }, data: { createdAt: new Date(n.at) } });
      for (const r of rows.replies) await tx.supervisionReply.update({ where: { id: r.id }, data: { createdAt: new Date(r.at) } });
      for (const c of rows.comments) await tx.feedback.update({ where: { id: c.id }, data: { createdAt: new Date(c.at) } });
      // The anti-spam counters of the seed's comments are not a resident's.
      await tx.rateLimit.deleteMany({ where: { key: { startsWith: "post:demo-seed-" } } });
    },
    { timeout: 60_000 },
  );
}
