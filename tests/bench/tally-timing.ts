/**
 * The pure count, timed in this process: `tally()` (the one tally module the app and the
 * recount command share) and `recountRecord()` on a published ballot record, plus the
 * recount command end to end (`npm run recount -- file.json`: process start, JSON.parse,
 * validation, recount).
 *
 * Ballots come from a seeded generator so every run counts the same data: a 差额 poll of
 * 15 candidates for 12 slots, each ballot marking every candidate, FOR with probability
 * 0.6 — so some ballots are over-marked and invalid, as on paper.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { buildBallotRecord, parseBallotRecord, recountRecord, type TBallotRecord } from "../../server/domain/ballot-record";
import { tally, type TallyBallot, type TallyPoll } from "../../server/domain/tally";

export interface TimingFigure {
  label: string;
  medianMs: number;
  minMs: number;
  maxMs: number;
  runs: number;
}

export interface TallyTimings {
  tally1300: TimingFigure;
  tally100k: TimingFigure;
  recount100k: TimingFigure;
  recountParse100k: TimingFigure;
  recountCli100k: TimingFigure | null;
  recordMb: number;
}

/** mulberry32: small, fast, good enough to make reproducible test ballots. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function candidateIds(count: number, rand: () => number): string[] {
  const hex = () =>
    Math.floor(rand() * 0x100000000)
      .toString(16)
      .padStart(8, "0");
  return Array.from(
    { length: count },
    () => `${hex()}-${hex().slice(0, 4)}-4${hex().slice(0, 3)}-a${hex().slice(0, 3)}-${hex()}${hex().slice(0, 4)}`,
  );
}

function ballots(count: number, ids: readonly string[], rand: () => number): { tracker: string; choices: Record<string, string> }[] {
  const out = [];
  for (let i = 0; i < count; i++) {
    const choices: Record<string, string> = {};
    for (const id of ids) {
      const r = rand();
      choices[id] = r < 0.6 ? "FOR" : r < 0.85 ? "AGAINST" : "ABSTAIN";
    }
    out.push({ tracker: `T${i.toString(36).toUpperCase().padStart(9, "0")}`, choices });
  }
  return out;
}

function time(label: string, runs: number, fn: () => unknown): TimingFigure {
  fn(); // warm-up: JIT and caches, not counted
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { label, medianMs: samples[Math.floor(samples.length / 2)]!, minMs: samples[0]!, maxMs: samples[samples.length - 1]!, runs };
}

export function timeTally(root: string): TallyTimings {
  const rand = prng(20251129);
  const ids = candidateIds(15, rand);
  const seated = 1400;
  const poll: TallyPoll = { kind: "COMPETITIVE", seats: 12, basis: "ALL_DELEGATES", seated, present: 1300 };
  const small: TallyBallot[] = ballots(1300, ids, rand);
  const large: TallyBallot[] = ballots(100_000, ids, rand);

  const tally1300 = time("tally 1,300 ballots × 15 candidates", 31, () => tally(poll, ids, small));
  const tally100k = time("tally 100,000 ballots × 15 candidates", 9, () =>
    tally({ ...poll, seated: 100_000, present: 100_000 }, ids, large),
  );

  const record: TBallotRecord = buildBallotRecord({
    poll: {
      id: "bench-poll",
      title: "基准测试 100,000 张选票",
      kind: "COMPETITIVE",
      seats: 12,
      basis: "ALL_DELEGATES",
      seated: 100_000,
      present: 100_000,
      issued: 100_000,
    },
    candidates: ids.map((id, i) => ({ id, title: `项目 ${i + 1}` })),
    ballots: ballots(100_000, ids, rand),
    auditHead: "0".repeat(64),
  });
  const text = JSON.stringify(record);
  const recount100k = time("recountRecord, 100,000-ballot record (parsed)", 7, () => {
    if (!recountRecord(record).ok) throw new Error("recount of the app's own record disagreed");
  });
  const recountParse100k = time("JSON.parse + validate + recount, 100,000 ballots", 5, () => {
    const parsed = parseBallotRecord(JSON.parse(text));
    if (!parsed.ok || !recountRecord(parsed.record).ok) throw new Error("recount of the app's own record failed");
  });

  // The command a verifier runs, process start included — measured once (it is seconds, not ms).
  let recountCli100k: TimingFigure | null = null;
  const dir = mkdtempSync(path.join(tmpdir(), "minsheng-bench-record-"));
  try {
    const file = path.join(dir, "record.json");
    writeFileSync(file, text);
    const t0 = performance.now();
    const run = spawnSync(
      process.execPath,
      [path.join(root, "node_modules/tsx/dist/cli.mjs"), path.join(root, "scripts/recount.ts"), file],
      {
        cwd: root,
        encoding: "utf8",
        timeout: 120_000,
      },
    );
    const ms = performance.now() - t0;
    if (run.status === 0)
      recountCli100k = {
        label: "npm run recount (tsx scripts/recount.ts), 100,000 ballots, end to end",
        medianMs: ms,
        minMs: ms,
        maxMs: ms,
        runs: 1,
      };
    else console.error(`recount command exited ${run.status}: ${(run.stderr || run.stdout || "").slice(0, 500)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { tally1300, tally100k, recount100k, recountParse100k, recountCli100k, recordMb: Buffer.byteLength(text) / 1e6 };
}
