import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { createCaller } from "~/server/api/root";
import { appCodeOf, createContextFor } from "~/server/api/trpc";
import { loadActor, type Actor } from "~/server/auth/actor";
import { hashSecret } from "~/server/auth/password";
import { db } from "~/server/db";
import { AppError } from "~/server/errors";

export { db };

export const PIN = "135790";
export const PASSWORD = "correct horse battery";

/** A caller as a given actor (or anonymous), through the same procedures and checks as HTTP. */
export function callerFor(actor: Actor | null, client = "test-client") {
  return createCaller(createContextFor(actor, client));
}

type StaffActor = Extract<Actor, { kind: "staff" }>;
type DelegateActor = Extract<Actor, { kind: "delegate" }>;

export async function actorOf(kind: "staff", id: string): Promise<StaffActor>;
export async function actorOf(kind: "delegate", id: string): Promise<DelegateActor>;
export async function actorOf(kind: "delegate" | "staff", id: string): Promise<Actor> {
  const row =
    kind === "delegate" ? await db.delegate.findUniqueOrThrow({ where: { id } }) : await db.staffUser.findUniqueOrThrow({ where: { id } });
  const actor = await loadActor(db, { kind, id, v: row.authVersion });
  if (!actor) throw new Error(`${kind} ${id} is not active`);
  return actor;
}

let pinHash: Promise<string> | null = null;
let passwordHash: Promise<string> | null = null;

/**
 * A session with `delegates` delegates (the first three are scrutineers), `candidates`
 * candidates, and one account of each staff role. Unique names per call so several
 * sessions can live in one database.
 */
export async function createSessionFixture({ delegates = 10, candidates = 5, checkInOpen = true } = {}) {
  pinHash ??= hashSecret(PIN);
  passwordHash ??= hashSecret(PASSWORD);
  const tag = randomUUID().slice(0, 8);
  const congress = await db.congress.create({ data: { name: `测试人大 ${tag}`, level: "DISTRICT" } });
  const session = await db.congressSession.create({
    data: { congressId: congress.id, name: `第一次会议 ${tag}`, year: 2021, startsOn: new Date("2021-01-13"), checkInOpen },
  });
  const delegation = await db.delegation.create({ data: { sessionId: session.id, name: `代表团 ${tag}` } });
  const department = await db.department.create({ data: { name: `责任单位 ${tag}` } });
  const otherDepartment = await db.department.create({ data: { name: `其他单位 ${tag}` } });
  const hashedPin = await pinHash;
  const delegateRows = Array.from({ length: delegates }, (_, i) => ({
    id: randomUUID(),
    sessionId: session.id,
    delegationId: delegation.id,
    name: `代表${i + 1}`,
    seat: String(i + 1).padStart(4, "0"),
    cardCode: `T${tag}${String(i + 1).padStart(4, "0")}`.toUpperCase(),
    pinHash: hashedPin,
  }));
  await db.delegate.createMany({ data: delegateRows });
  await db.scrutineer.createMany({ data: delegateRows.slice(0, 3).map((d) => ({ sessionId: session.id, delegateId: d.id })) });
  const staff = async (role: "ADMIN" | "SECRETARIAT" | "CLERK" | "DEPARTMENT", suffix: string, departmentId: string | null = null) =>
    db.staffUser.create({
      data: { username: `${suffix}-${tag}`, displayName: `${suffix} ${tag}`, passwordHash: await passwordHash!, role, departmentId },
    });
  const [admin, secretariat, clerk1, clerk2, dept] = await Promise.all([
    staff("ADMIN", "admin"),
    staff("SECRETARIAT", "mishu"),
    staff("CLERK", "clerk1"),
    staff("CLERK", "clerk2"),
    staff("DEPARTMENT", "dept", department.id),
  ]);
  await db.sessionClerk.createMany({ data: [clerk1, clerk2].map((c) => ({ sessionId: session.id, staffId: c.id })) });
  const candidateRows = [];
  for (let i = 0; i < candidates; i++) {
    candidateRows.push(
      await db.candidate.create({
        data: {
          sessionId: session.id,
          title: `项目${i + 1}`,
          category: "测试",
          summary: "概要",
          departmentId: i === 0 ? otherDepartment.id : department.id,
          budgetWan: "100.00",
          location: "全区",
          targets: "目标",
          deadline: new Date("2021-12-31"),
          sortOrder: i + 1,
        },
      }),
    );
  }
  return {
    tag,
    session,
    delegates: delegateRows,
    candidates: candidateRows,
    staff: { admin, secretariat, clerk1, clerk2, dept },
    actors: {
      admin: await actorOf("staff", admin.id),
      secretariat: await actorOf("staff", secretariat.id),
      clerk1: await actorOf("staff", clerk1.id),
      clerk2: await actorOf("staff", clerk2.id),
      dept: await actorOf("staff", dept.id),
    },
    delegate: (i: number) => actorOf("delegate", delegateRows[i]!.id),
  };
}

export type SessionFixture = Awaited<ReturnType<typeof createSessionFixture>>;

/** Checks in the first `count` delegates directly (fast; the check-in flow has its own tests). */
export async function checkInMany(f: SessionFixture, count: number) {
  await db.checkIn.createMany({
    data: f.delegates.slice(0, count).map((d) => ({ sessionId: f.session.id, delegateId: d.id, method: "DESK" as const })),
  });
}

/** Creates and opens a poll over all the fixture's candidates. */
export async function openPollFixture(
  f: SessionFixture,
  options: { kind?: "EQUAL" | "COMPETITIVE"; seats?: number; secret?: boolean; changeable?: boolean } = {},
) {
  const secretariat = callerFor(f.actors.secretariat);
  const { id } = await secretariat.secretariat.createPoll({
    sessionId: f.session.id,
    title: "民生实事项目票决",
    kind: options.kind ?? "EQUAL",
    seats: options.seats,
    secret: options.secret ?? true,
    changeable: options.changeable ?? false,
    candidateIds: f.candidates.map((c) => c.id),
  });
  await secretariat.secretariat.openPoll({ pollId: id });
  const poll = await db.poll.findUniqueOrThrow({ where: { id }, include: { candidates: { orderBy: { position: "asc" } } } });
  return { id, pollCandidates: poll.candidates.map((c) => c.id) };
}

export function allChoices(ids: string[], choice: "FOR" | "AGAINST" | "ABSTAIN" = "FOR") {
  return Object.fromEntries(ids.map((id) => [id, choice]));
}

/** The code a call ended with ("OK" when it succeeded): what a client would localize. */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof TRPCError) return appCodeOf(e);
    if (e instanceof AppError) return e.code;
    throw e;
  }
  return "OK";
}

export function newKey() {
  return randomUUID().replaceAll("-", "");
}

/**
 * A session whose poll approved every candidate but the last (all FOR, last AGAINST), published.
 * `before` runs on the fresh session, before the poll copies the slate (e.g. to rename things).
 */
export async function approvedSession(before?: (f: SessionFixture) => Promise<void>): Promise<SessionFixture & { pollId: string }> {
  const f = await createSessionFixture({ delegates: 4, candidates: 3 });
  await before?.(f);
  await checkInMany(f, 4);
  const poll = await openPollFixture(f);
  const [a, b, c] = poll.pollCandidates as [string, string, string];
  for (let i = 0; i < 4; i++) {
    await callerFor(await f.delegate(i)).delegate.cast({
      pollId: poll.id,
      choices: { [a]: "FOR", [b]: "FOR", [c]: "AGAINST" },
      idempotencyKey: newKey(),
    });
  }
  const secretariat = callerFor(f.actors.secretariat);
  await secretariat.secretariat.closePoll({ pollId: poll.id });
  const view = await callerFor(await f.delegate(0)).delegate.countForSignoff({ pollId: poll.id });
  await callerFor(await f.delegate(0)).delegate.signOff({ pollId: poll.id, resultHash: view.resultHash! });
  await callerFor(await f.delegate(1)).delegate.signOff({ pollId: poll.id, resultHash: view.resultHash! });
  await secretariat.secretariat.publishPoll({ pollId: poll.id });
  return { ...f, pollId: poll.id };
}
