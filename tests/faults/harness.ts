/**
 * What the fault tests share: the PostgreSQL cluster scripts/test-faults.sh started (which
 * they may restart), the built app under `next start`, a voting session seeded and signed
 * in over HTTP exactly as the benchmark does, and delegates that cast over HTTP and keep
 * their idempotency key, as the phone does, so they can retry with it.
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { appendFileSync, readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { freePort } from "~/scripts/lib/embedded-postgres";
import { withClient } from "~/scripts/lib/pg-client";
import { startAppServer, type AppServer } from "../bench/app-server";
import { mapBounded, signIn, trpcMutation } from "../bench/http-session";
import { storedBallots } from "../bench/stored-ballots";
import { BENCH_PIN, BENCH_STAFF_PASSWORD, BENCH_STAFF_USERNAME, seedScenario, type SeededScenario } from "../bench/seed";
import { ballotTracker, nonceFromKey } from "~/server/domain/tracker";

export const root = path.resolve(import.meta.dirname, "../..");

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the fault tests with 'npm run test:faults'.`);
  return value;
}

const baseUrl = required("FAULTS_PG_BASE_URL");
const pgRoot = required("FAULTS_PG_ROOT");
const template = required("FAULTS_TEMPLATE_DB");
const distDir = required("FAULTS_DIST_DIR");
const runDir = required("FAULTS_RUN_DIR");

/** A fresh database cloned from the migrated template. */
export async function freshDatabase(label: string): Promise<string> {
  const name = `f_${label}_${randomBytes(4).toString("hex")}`;
  await withClient(`${baseUrl}/postgres`, (c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  return `${baseUrl}/${name}`;
}

/**
 * Stops the fault cluster's PostgreSQL now, as `pg_ctl stop -m fast|immediate` would (SIGINT:
 * open transactions rolled back, every commit answered; SIGQUIT: a crash, a commit's answer
 * may be lost), and resolves once it is back with the same port and settings. The signal is
 * sent before this returns: a helper process would strike only after its own start-up, and
 * by then a fast storm can be over (CI saw all 300 receipts arrive first).
 */
export async function restartPostgres(mode: "fast" | "immediate"): Promise<void> {
  const dataDir = path.join(pgRoot, "data");
  const pid = Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
  process.kill(pid, mode === "fast" ? "SIGINT" : "SIGQUIT");
  while (isAlive(pid)) await new Promise((resolve) => setTimeout(resolve, 50));
  // Nothing runs on the data folder now: pg_ctl restart starts it with postmaster.opts.
  await promisify(execFile)(path.join(root, "node_modules/.bin/tsx"), [path.join(root, "scripts/pg-cluster.ts"), "restart", pgRoot, mode]);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** `next start` on the build under test; its pid is recorded so the runner can kill it if we die. */
export async function startApp(
  databaseUrl: string,
  opts: { port?: number; env?: Record<string, string>; nodeArgs?: string[] } = {},
): Promise<AppServer> {
  const server = await startAppServer({
    root,
    port: opts.port ?? (await freePort()),
    databaseUrl,
    distDir,
    env: opts.env,
    nodeArgs: opts.nodeArgs,
  });
  appendFileSync(path.join(runDir, "app-pids"), `${server.pid}\n`);
  return server;
}

export interface Voter {
  index: number;
  cardCode: string;
  delegateId: string;
  cookie: string;
}

export interface Scenario {
  databaseUrl: string;
  seeded: SeededScenario;
  staffCookie: string;
  voters: Voter[];
}

/** N delegates (all checked in) and a secretariat account, every one signed in over HTTP. */
export async function seedAndSignIn(
  url: string,
  databaseUrl: string,
  n: number,
  signInOn: (i: number) => string = () => url,
): Promise<Scenario> {
  const seeded = await seedScenario(databaseUrl, n);
  const ids = await withClient(
    databaseUrl,
    async (c) =>
      new Map(
        (await c.query<{ cardCode: string; id: string }>(`SELECT "cardCode", "id" FROM "Delegate"`)).rows.map((r) => [r.cardCode, r.id]),
      ),
  );
  const staffCookie = await signIn(url, "staff", { username: BENCH_STAFF_USERNAME, password: BENCH_STAFF_PASSWORD });
  const cookies = await mapBounded(seeded.cardCodes, 8, (cardCode, i) => signIn(signInOn(i), "delegate-pin", { cardCode, pin: BENCH_PIN }));
  const voters = seeded.cardCodes.map((cardCode, index) => ({ index, cardCode, delegateId: ids.get(cardCode)!, cookie: cookies[index]! }));
  return { databaseUrl, seeded, staffCookie, voters };
}

export interface OpenPoll {
  pollId: string;
  pollCandidateIds: string[];
}

/** A secret EQUAL poll over the session's candidates, created and opened by the secretariat over HTTP. */
export async function openPoll(url: string, s: Scenario, title: string): Promise<OpenPoll> {
  const { id: pollId } = await trpcMutation<{ id: string }>(url, s.staffCookie, "secretariat.createPoll", {
    sessionId: s.seeded.sessionId,
    title,
    kind: "EQUAL",
    secret: true,
    candidateIds: s.seeded.candidateIds,
  });
  await trpcMutation(url, s.staffCookie, "secretariat.openPoll", { pollId });
  const pollCandidateIds = await withClient(s.databaseUrl, async (c) =>
    (await c.query<{ id: string }>(`SELECT "id" FROM "PollCandidate" WHERE "pollId" = $1 ORDER BY "position"`, [pollId])).rows.map(
      (r) => r.id,
    ),
  );
  return { pollId, pollCandidateIds };
}

export async function closePoll(url: string, s: Scenario, pollId: string): Promise<{ status: string }> {
  return trpcMutation(url, s.staffCookie, "secretariat.closePoll", { pollId });
}

const CHOICES = ["FOR", "AGAINST", "ABSTAIN"] as const;

/** One phone's submission: what it sends, and sends again on a retry. */
export interface Submission {
  voter: Voter;
  body: { pollId: string; choices: Record<string, (typeof CHOICES)[number]>; idempotencyKey: string };
  /** The receipt this submission must get: the server derives it from the ballot and the key. */
  expectedTracker: string;
}

export function submission(voter: Voter, poll: OpenPoll): Submission {
  const choices: Submission["body"]["choices"] = {};
  for (const id of poll.pollCandidateIds) choices[id] = CHOICES[Math.floor(Math.random() * 3)]!;
  const idempotencyKey = randomBytes(16).toString("hex");
  return {
    voter,
    body: { pollId: poll.pollId, choices, idempotencyKey },
    expectedTracker: ballotTracker(poll.pollId, choices, nonceFromKey(idempotencyKey)),
  };
}

export type Outcome =
  | { kind: "receipt"; tracker: string; replay: boolean }
  /** The app's error envelope: a stable code the phone localizes (INTERNAL and RATE_LIMITED it retries by itself). */
  | { kind: "app-error"; status: number; appCode: string; raw: string }
  /** Anything else with an HTTP status: an HTML error page, a body without an app code, a stack trace. */
  | { kind: "bad-response"; status: number; raw: string }
  /** No HTTP answer at all (refused, reset, timed out): the phone shows 正在重试… and resends. */
  | { kind: "transport"; code: string };

/** Does a response body leak internals? A stack frame, a file path or a database message. */
export function leaksInternals(raw: string): boolean {
  return /\bat .+:\d+:\d+|node_modules|\.ts:\d+|"stack"|Prisma|PostgreSQL|ECONNREFUSED|terminating connection|Connection terminated/i.test(
    raw,
  );
}

export async function cast(url: string, sub: Submission): Promise<Outcome> {
  let res: Response;
  let raw: string;
  try {
    res = await fetch(`${url}/api/trpc/delegate.cast`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: sub.voter.cookie },
      body: JSON.stringify({ json: sub.body }),
      signal: AbortSignal.timeout(90_000),
    });
    raw = await res.text();
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return { kind: "transport", code: cause?.code ?? (error as Error).name ?? "?" };
  }
  try {
    const body = JSON.parse(raw) as {
      result?: { data?: { json?: { tracker: string; replay: boolean } } };
      error?: { json?: { data?: { appCode?: string } } };
    };
    const result = body.result?.data?.json;
    if (res.ok && result) return { kind: "receipt", tracker: result.tracker, replay: result.replay };
    const appCode = body.error?.json?.data?.appCode;
    if (!res.ok && appCode && !leaksInternals(raw)) return { kind: "app-error", status: res.status, appCode, raw };
  } catch {
    // not JSON: an error page
  }
  return { kind: "bad-response", status: res.status, raw: raw.slice(0, 500) };
}

/**
 * Every submission sent at once, as the hall presses "submit" together. `onProgress` sees
 * the number of answers so far, after each one — the tests inject their fault from it.
 */
export async function storm(url: string, subs: readonly Submission[], onProgress?: (answered: number) => void): Promise<Outcome[]> {
  let answered = 0;
  return Promise.all(
    subs.map(async (sub) => {
      const outcome = await cast(url, sub);
      onProgress?.(++answered);
      return outcome;
    }),
  );
}

export interface Stored {
  participations: Set<string>;
  trackers: Set<string>;
  ballots: number;
  choices: number;
}

/** What the database holds for a poll: who took part (delegate ids) and which ballots (trackers), sealed or counted. */
export async function stored(databaseUrl: string, pollId: string): Promise<Stored> {
  return withClient(databaseUrl, async (c) => {
    const { participations, trackers, choices } = await storedBallots(c, pollId);
    return { participations: new Set(participations), trackers: new Set(trackers), ballots: trackers.length, choices };
  });
}

export function tally(outcomes: readonly Outcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of outcomes) {
    const key =
      o.kind === "receipt"
        ? "receipt"
        : o.kind === "app-error"
          ? `${o.status} ${o.appCode}`
          : o.kind === "transport"
            ? `transport ${o.code}`
            : `bad ${o.status}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

export function sleep(ms: number) {
  return new Promise<void>((resolve) => setTimeout(resolve, ms));
}
