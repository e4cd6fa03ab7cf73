/**
 * The built app under test: `next start` on a loopback port, one server per scenario so
 * each starts cold and its memory high-water mark belongs to that scenario alone.
 *
 * Started exactly as `npm start` serves the app — `node scripts/serve-next.cjs start` (a
 * deep listen backlog, glibc memory settings, WEB_CONCURRENCY cluster workers) — so the
 * pid we hold is the server's own; memory and CPU are summed over its workers.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export interface AppServer {
  url: string;
  pid: number;
  /** Last lines of the server's output, for a failure message. */
  logTail(): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  root: string;
  port: number;
  databaseUrl: string;
  distDir: string;
  poolSize?: number;
  /** Extra node flags for the server, e.g. ["--cpu-prof", "--cpu-prof-dir=/tmp/prof"] to profile it. */
  nodeArgs?: string[];
  /** Extra environment for this server only (e.g. the fault tests' skewed clock). */
  env?: Record<string, string>;
}

export async function startAppServer(opts: StartOptions): Promise<AppServer> {
  const url = `http://127.0.0.1:${opts.port}`;
  const { MEMORY_ENV } = createRequire(import.meta.url)("../../scripts/serve-next.cjs") as { MEMORY_ENV: Record<string, string> };
  const env: NodeJS.ProcessEnv = {
    ...MEMORY_ENV,
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_DIST_DIR: opts.distDir,
    DATABASE_URL: opts.databaseUrl,
    NEXTAUTH_URL: url,
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "bench-secret-at-least-32-characters-long!!",
    BALLOT_SEAL_KEY: process.env.BALLOT_SEAL_KEY ?? "YmVuY2gtYmFsbG90LXNlYWwta2V5LTMyLWJ5dGVzISE",
  };
  if (opts.poolSize) env.DATABASE_POOL_SIZE = String(opts.poolSize);
  Object.assign(env, opts.env);
  // An empty value turns a default off (e.g. MALLOC_MMAP_THRESHOLD_= for glibc's own behaviour).
  for (const [k, v] of Object.entries(env)) if (v === "") delete env[k];
  const child = spawn(
    process.execPath,
    [...(opts.nodeArgs ?? []), path.join(opts.root, "scripts/serve-next.cjs"), "start", "-H", "127.0.0.1", "-p", String(opts.port)],
    {
      cwd: opts.root,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) if (line.trim()) lines.push(line);
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));

  const server: AppServer = {
    url,
    pid: child.pid!,
    logTail: () => lines.slice(-40).join("\n"),
    stop: () => stopChild(child, exited),
  };

  // Ready when the sign-in CSRF endpoint answers (it loads next-auth and the env check).
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}:\n${server.logTail()}`);
    try {
      const res = await fetch(`${url}/api/auth/csrf`, { signal: AbortSignal.timeout(5_000) });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`next start was not ready within 60 s:\n${server.logTail()}`);
    }
    await sleep(200);
  }
  return server;
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const done = await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)]);
  if (!done) {
    child.kill("SIGKILL");
    await Promise.race([exited, sleep(5_000)]);
  }
}

function sleep(ms: number) {
  return new Promise<void>((resolve) => setTimeout(resolve, ms));
}

/** kB figures from /proc/<pid>/status: resident now and the high-water mark since start. */
function memoryOf(pid: number): { rssKb: number; hwmKb: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0);
    return { rssKb: field("VmRSS"), hwmKb: field("VmHWM") };
  } catch {
    return null;
  }
}

/** The pid and all its descendants (normally just the pid: `next start` serves in-process). */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // Field 4 (ppid) comes after the parenthesised command name, which may contain spaces.
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // the process ended while we looked
    }
  }
  const out: number[] = [];
  const queue = [root];
  while (queue.length > 0 && out.length < 1000) {
    const pid = queue.shift()!;
    out.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return out;
}

export interface MemorySampler {
  /** Peak of the summed VmRSS seen by the 100 ms samples, the VmHWM at stop, and the process count. */
  stop(): { peakRssMb: number; hwmMb: number; processes: number; samples: number };
}

/** Samples the servers' summed resident memory every 100 ms until stopped. */
export function sampleMemory(roots: number | readonly number[]): MemorySampler {
  const rootPids = typeof roots === "number" ? [roots] : roots;
  const treeOf = () => rootPids.flatMap((p) => processTree(p));
  let peakKb = 0;
  let samples = 0;
  let pids = treeOf();
  const sample = () => {
    let total = 0;
    for (const p of pids) total += memoryOf(p)?.rssKb ?? 0;
    peakKb = Math.max(peakKb, total);
    samples++;
  };
  sample();
  const timer = setInterval(sample, 100);
  // A new child would be rare; re-read the tree once a second rather than every sample.
  const treeTimer = setInterval(() => (pids = treeOf()), 1000);
  return {
    stop() {
      clearInterval(timer);
      clearInterval(treeTimer);
      sample();
      const hwmKb = pids.reduce((sum, p) => sum + (memoryOf(p)?.hwmKb ?? 0), 0);
      return { peakRssMb: peakKb / 1024, hwmMb: hwmKb / 1024, processes: pids.length, samples };
    },
  };
}

/** CPU seconds of a server and its workers (cluster mode). */
export function treeCpuSecondsOf(pid: number): number {
  return processTree(pid).reduce((sum, p) => sum + cpuSecondsOf(p), 0);
}

/** User + system CPU seconds the process has used so far (for "who was busy" in the analysis). */
export function cpuSecondsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime and stime are fields 14 and 15 (1-based) → indexes 11 and 12 after the name.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}
