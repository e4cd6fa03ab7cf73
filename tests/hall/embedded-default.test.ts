/**
 * The embedded default, exactly as a newcomer or a township congress runs it: `npm start`
 * with no DATABASE_URL, on the build the suite has just made (scripts/test.sh's "hall"
 * step), in a fresh DATA_DIR.
 *
 * - The hall: 250 delegates sign in (16 at a time), then all at once check in and read
 *   delegate.me and delegate.state, three rounds. Every answer must be 200 and be about the
 *   delegate who asked. (With PGlite behind pglite-socket, every connection shared one
 *   session: 53 of 1,750 such requests failed, some with another request's row.)
 * - Stopping: Ctrl-C (SIGINT to the whole process group, as a terminal sends it) and a
 *   SIGTERM to npm alone each leave no process behind; a second start reuses the cluster.
 *   A start killed outright leaves only its database, which the next start stops; an app
 *   that dies under npm start takes the database and npm start with it.
 * - The cluster: UTF-8 with no locale though started with no LANG, run (as root) by an
 *   unprivileged user, asking for its generated password; an earlier version's
 *   DATA_DIR/pglite is left as it was, and the start says so in one line.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mapBounded, signIn } from "../bench/http-session";
import pg from "pg";
import { freePort, runningPort } from "../../scripts/lib/embedded-postgres";
import { cardCode, SCRUTINEER_INDEXES } from "../../prisma/seed-data";

const root = path.resolve(import.meta.dirname, "../..");
const DELEGATES = 250;
const SIGN_IN_AT_ONCE = 16;
const ROUNDS = 3;
/** The demo's scrutineers (prisma/seed-data.ts): delegate.state says whether the asker is one. */
const SCRUTINEERS = new Set(SCRUTINEER_INDEXES.map(cardCode));
/** What each answer says about the delegate who asked. */
interface Own {
  cardCode?: string;
  isScrutineer?: boolean;
  checkedInAt: string | null;
}

interface Started {
  child: ChildProcess;
  output: () => string;
  /** How npm start ended: its exit code, or the signal that ended it. */
  exited: Promise<number | NodeJS.Signals | null>;
}

let dataDir: string;
let port: number;
let base: string;

/** `npm start` in its own process group (as in a terminal), with no DATABASE_URL. */
function npmStart(): Started {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: "127.0.0.1", NEXTAUTH_URL: base };
  delete env.DATABASE_URL;
  delete env.NEXTAUTH_SECRET;
  delete env.BALLOT_SEAL_KEY;
  // No locale at all, as on a bare server: initdb then made a SQL_ASCII cluster unless told UTF-8.
  delete env.LANG;
  delete env.LC_ALL;
  delete env.LC_CTYPE;
  const child = spawn("npm", ["start"], { cwd: root, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => child.on("exit", (code, signal) => resolve(code ?? signal)));
  return { child, output: () => out, exited };
}

async function untilReady(started: Started): Promise<void> {
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    if (started.child.exitCode !== null) throw new Error(`npm start exited ${started.child.exitCode}:\n${started.output()}`);
    const ok = await fetch(`${base}/api/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`npm start not ready in 300 s:\n${started.output()}`);
}

/** Processes whose command line names this test's data folder (PostgreSQL, the app), or its npm start. */
function processesOf(started: Started): string[] {
  const found: string[] = [];
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    let cmdline = "";
    let stat = "";
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
      stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      continue; // gone meanwhile
    }
    const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
    const group = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
    if (state === "Z") continue;
    if (cmdline.includes(dataDir) || group === started.child.pid) found.push(`${pid}: ${cmdline.trim()}`);
  }
  return found;
}

/** After a failure: nothing of this start may outlive the test. */
function killGroup(started: Started) {
  for (const line of processesOf(started)) {
    try {
      process.kill(Number(line.split(":")[0]), "SIGKILL");
    } catch {
      // already gone
    }
  }
}

async function expectNothingLeft(started: Started) {
  const deadline = Date.now() + 15_000;
  let left = processesOf(started);
  while (left.length && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    left = processesOf(started);
  }
  expect(left, started.output()).toEqual([]);
  expect(existsSync(path.join(dataDir, "postgres", "postmaster.pid"))).toBe(false);
}

/** A request that got no answer (refused, timed out after 60 s) counts as status 0, with the reason. */
async function trpcQuery<T>(cookie: string, procedure: string): Promise<{ status: number; body: T | string }> {
  try {
    const res = await fetch(`${base}/api/trpc/${procedure}`, { headers: { cookie }, signal: AbortSignal.timeout(60_000) });
    const text = await res.text();
    if (res.status !== 200) return { status: res.status, body: text };
    return { status: 200, body: (JSON.parse(text) as { result: { data: { json: T } } }).result.data.json };
  } catch (error) {
    return { status: 0, body: String(error) };
  }
}

async function trpcPost<T>(cookie: string, procedure: string, input: unknown = null): Promise<{ status: number; body: T | string }> {
  try {
    const res = await fetch(`${base}/api/trpc/${procedure}`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie, origin: base },
      body: JSON.stringify({ json: input }),
      signal: AbortSignal.timeout(60_000),
    });
    const text = await res.text();
    if (res.status !== 200) return { status: res.status, body: text };
    return { status: 200, body: (JSON.parse(text) as { result: { data: { json: T } } }).result.data.json };
  } catch (error) {
    return { status: 0, body: String(error) };
  }
}

beforeAll(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), "minsheng-hall-"));
  chmodSync(dataDir, 0o755); // as root, PostgreSQL's user must reach DATA_DIR/postgres
});

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe("npm start on the embedded default", () => {
  it("serves a hall of 250 phones: every answer 200 and about its own delegate; Ctrl-C leaves nothing behind", async () => {
    port = await freePort();
    base = `http://127.0.0.1:${port}`;
    // The folder an earlier version kept its PGlite database in: left as it is, said in one line.
    const pglite = path.join(dataDir, "pglite");
    mkdirSync(pglite);
    writeFileSync(path.join(pglite, "PG_VERSION"), "17\n");
    const pgliteBefore = statSync(path.join(pglite, "PG_VERSION")).mtimeMs;
    const started = npmStart();
    try {
      await untilReady(started);
      expect(started.output()).toContain("demo data loaded");
      const pgliteLines = started
        .output()
        .split("\n")
        .filter((line) => line.includes("pglite"));
      expect(pgliteLines).toEqual([
        `[start] ${pglite} from an earlier version is left untouched; the database now lives in ${dataDir}/postgres`,
      ]);
      expect(readdirSync(pglite)).toEqual(["PG_VERSION"]);
      expect(readFileSync(path.join(pglite, "PG_VERSION"), "utf8")).toBe("17\n");
      expect(statSync(path.join(pglite, "PG_VERSION")).mtimeMs).toBe(pgliteBefore);

      const delegates = Array.from({ length: DELEGATES }, (_, i) => cardCode(i));
      const cookies = await mapBounded(delegates, SIGN_IN_AT_ONCE, (code) =>
        signIn(base, "delegate-pin", { cardCode: code, pin: "202101" }),
      );
      const staff = await signIn(base, "staff", { username: "mishu", password: "Linzi-2021" });
      const me = await trpcQuery<{ sessionId: string }>(cookies[0]!, "delegate.me");
      expect(me.status).toBe(200);
      const sessionId = (me.body as { sessionId: string }).sessionId;
      expect((await trpcPost(staff, "secretariat.setCheckInOpen", { sessionId, open: true })).status).toBe(200);

      const failures: string[] = [];
      for (let round = 1; round <= ROUNDS; round++) {
        await Promise.all(
          delegates.map(async (code, i) => {
            const cookie = cookies[i]!;
            const [checkIn, home, state] = await Promise.all([
              trpcPost(cookie, "delegate.checkIn"),
              trpcQuery<Own>(cookie, "delegate.me"),
              trpcQuery<Own>(cookie, "delegate.state"),
            ]);
            if (checkIn.status !== 200) failures.push(`round ${round} ${code} checkIn → ${checkIn.status}`);
            if (home.status !== 200) failures.push(`round ${round} ${code} me → ${home.status} ${String(home.body).slice(0, 120)}`);
            else if ((home.body as Own).cardCode !== code)
              failures.push(`round ${round} ${code} me answered for ${(home.body as Own).cardCode}`);
            if (state.status !== 200) failures.push(`round ${round} ${code} state → ${state.status} ${String(state.body).slice(0, 120)}`);
            else if ((state.body as Own).isScrutineer !== SCRUTINEERS.has(code))
              failures.push(
                `round ${round} ${code} state answered for a delegate who is${SCRUTINEERS.has(code) ? " not" : ""} a scrutineer`,
              );
            // From the second round on, each delegate's three answers carry their own check-in time
            // (taken by the database, to the millisecond, as each delegate checked in): an answer about
            // someone else almost surely differs.
            if (round > 1 && checkIn.status === 200 && home.status === 200 && state.status === 200) {
              const times = [checkIn.body, home.body, state.body].map((b) => (b as Own).checkedInAt);
              if (!times[0] || times.some((t) => t !== times[0]))
                failures.push(`round ${round} ${code} check-in times differ: ${times.join(", ")}`);
            }
          }),
        );
      }
      expect(failures, `${failures.slice(0, 20).join("\n")}\n--- the app's log, last lines ---\n${started.output().slice(-4000)}`).toEqual(
        [],
      );

      // Ctrl-C in the terminal: SIGINT to every process of the group.
      // npm waits for its script, then ends by the SIGINT it got, as it does in a terminal.
      process.kill(-started.child.pid!, "SIGINT");
      expect([0, "SIGINT"]).toContain(await started.exited);
      await expectNothingLeft(started);
    } finally {
      killGroup(started);
    }
  });

  it("a second start reuses the cluster and its data; SIGTERM to npm alone leaves nothing behind", async () => {
    const started = npmStart();
    try {
      await untilReady(started);
      expect(started.output()).not.toContain("demo data loaded");
      expect(started.output()).not.toContain("applying database migrations");
      const cookie = await signIn(base, "delegate-pin", { cardCode: cardCode(7), pin: "202101" });
      const home = await trpcQuery<{ cardCode: string; checkedInAt: string | null }>(cookie, "delegate.me");
      expect(home.status).toBe(200);
      expect((home.body as { checkedInAt: string | null }).checkedInAt).not.toBeNull();

      // The cluster's superuser needs its generated password, even on loopback (issue 13 item 7):
      // tests/unit/embedded-postgres.test.ts, on the same openAppDatabase this start uses.
      const clusterPort = runningPort(path.join(dataDir, "postgres"));
      const password = readFileSync(path.join(dataDir, "postgres-password"), "utf8").trim();

      // Made with no LANG at all (npmStart), the cluster is still UTF-8 and has no locale.
      const client = new pg.Client({ host: "127.0.0.1", port: clusterPort!, user: "postgres", password, database: "minsheng" });
      await client.connect();
      try {
        const { rows } = await client.query<{ encoding: string; collate: string; ctype: string }>(
          `SELECT pg_encoding_to_char(encoding) AS encoding, datcollate AS collate, datctype AS ctype FROM pg_database WHERE datname = 'minsheng'`,
        );
        expect(rows).toEqual([{ encoding: "UTF8", collate: "C", ctype: "C" }]);
      } finally {
        await client.end();
      }
      // As root, PostgreSQL runs as an unprivileged user (it refuses root itself).
      const postmaster = Number(readFileSync(path.join(dataDir, "postgres", "postmaster.pid"), "utf8").split("\n")[0]);
      const uid = Number(/^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${postmaster}/status`, "utf8"))![1]);
      expect(uid).not.toBe(0);
      expect(uid).toBe(process.getuid!() === 0 ? statSync(path.join(dataDir, "postgres")).uid : process.getuid!());

      // npm passes SIGTERM on to the start script and then ends by that signal itself.
      process.kill(started.child.pid!, "SIGTERM");
      expect([0, "SIGTERM"]).toContain(await started.exited);
      await expectNothingLeft(started);
    } finally {
      killGroup(started);
    }
  });

  it("a start killed outright takes the app with it; the next start stops the database it left, and stops it when its app dies", async () => {
    const first = npmStart();
    try {
      await untilReady(first);
      // The script's node process itself, not the `sh -c` npm runs it through.
      const script = processesOf(first).find((line) => /^\d+: node .*--import tsx scripts\/start\.ts/.test(line));
      expect(script, processesOf(first).join("\n")).toBeDefined();
      process.kill(Number(script!.split(":")[0]), "SIGKILL");
      // The app notices its parent is gone and stops; the database has no parent to watch.
      const deadline = Date.now() + 15_000;
      while (processesOf(first).some((line) => line.includes("next-server")) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 250));
      expect(processesOf(first).filter((line) => !line.includes("bin/postgres") && !line.includes("postgres:"))).toEqual([]);
      expect(existsSync(path.join(dataDir, "postgres", "postmaster.pid"))).toBe(true);
    } finally {
      // npm itself and its shell may still wait for the killed script.
      for (const line of processesOf(first)) if (!/postgres/.test(line)) process.kill(Number(line.split(":")[0]), "SIGKILL");
    }

    const second = npmStart();
    try {
      await untilReady(second);
      expect(second.output()).toContain("left running by an earlier start");
      // The app itself dies (a crash, the OOM killer): npm start stops the database and ends.
      const app = processesOf(second).find((line) => /next-server|serve-next\.cjs/.test(line));
      expect(app, processesOf(second).join("\n")).toBeDefined();
      process.kill(Number(app!.split(":")[0]), "SIGKILL");
      await second.exited;
      expect(second.output()).toContain("[start] embedded database stopped");
      await expectNothingLeft(second);
    } finally {
      killGroup(second);
    }
  });
});
