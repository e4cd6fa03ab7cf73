/**
 * Where the app server's CPU went during the storm.
 *
 *   BENCH_PROFILE_DIR=/tmp/prof BENCH_NO_REPORT=1 npm run bench
 *   npx tsx tests/bench/profile-summary.ts /tmp/prof/1300
 *
 * Reads the server's .cpuprofile (V8, written by --cpu-prof when the server stops) and,
 * when storm-window.json is beside it, keeps only the samples taken during the storm.
 * Prints self time by function and by origin (package / Next chunk / runtime).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Where a path belongs: an npm package (next's vendored copies named), the app's own folders, or node itself. */
function classify(file: string): string {
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(file);
  if (nm) {
    const pkg = nm[1]!;
    if (pkg === "next") {
      const compiled = /dist\/compiled\/((?:@[^/]+\/)?[^/]+)/.exec(nm[2]!);
      return compiled ? `next (compiled ${compiled[1]})` : "next";
    }
    return pkg;
  }
  const own = /(?:^|\/)(app|server|lib|components)\/(.*)$/.exec(file);
  if (own) return `app: ${own[1]}/${own[2]!.split("/")[0]}`;
  return file.slice(-60);
}

// Turbopack's server chunks ship source maps: map each sampled position back to the module it came from.
const maps = new Map<string, SourceMap | null>();
function sourceMapFor(file: string): SourceMap | null {
  if (!maps.has(file)) {
    let map: SourceMap | null = null;
    try {
      if (existsSync(`${file}.map`)) map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, "utf8")));
    } catch {
      map = null;
    }
    maps.set(file, map);
  }
  return maps.get(file)!;
}

function origin(cf: CallFrame): string {
  const { url, functionName: fn } = cf;
  if (!url) return fn.startsWith("(") ? fn : "(native/builtin)";
  if (url.startsWith("node:")) return "node core";
  const file = url.startsWith("file://") ? fileURLToPath(url) : url;
  if (/\.next[^/]*\/server\//.test(file)) {
    const entry = sourceMapFor(file)?.findEntry(cf.lineNumber, cf.columnNumber) as { originalSource?: string } | undefined;
    if (entry?.originalSource) return classify(entry.originalSource.replace(/^(\.\.\/)+/, ""));
    return "app bundle (unmapped)";
  }
  return classify(file);
}

function main(dir: string) {
  const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
  if (!file) throw new Error(`no .cpuprofile in ${dir}`);
  const profile = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as Profile;
  let window: { startUs: number; endUs: number } | null = null;
  try {
    window = JSON.parse(readFileSync(path.join(dir, "storm-window.json"), "utf8")) as { startUs: number; endUs: number };
  } catch {
    // whole profile
  }
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfByFn = new Map<string, number>();
  const selfByOrigin = new Map<string, number>();
  // Inclusive time per origin: every sample counts once for each origin on its stack.
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const inclusiveByOrigin = new Map<string, number>();
  // A partition that sums to 100 %: time in node core or builtins is charged to the nearest
  // caller on the stack that is a package or the app (GC, idle and program stay themselves).
  const chargedByOrigin = new Map<string, number>();
  const isRuntime = (o: string) => o === "node core" || o === "(native/builtin)";

  let t = profile.startTime;
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i] ?? 0;
    t += dt;
    if (window && (t < window.startUs || t > window.endUs)) continue;
    const node = byId.get(profile.samples[i]!);
    if (!node) continue;
    // A sample's weight is the interval to the next sample.
    const w = profile.timeDeltas[i + 1] ?? dt;
    total += w;
    const cf = node.callFrame;
    const fnKey = `${cf.functionName || "(anonymous)"}  ${origin(cf)}`;
    selfByFn.set(fnKey, (selfByFn.get(fnKey) ?? 0) + w);
    const o = origin(cf);
    selfByOrigin.set(o, (selfByOrigin.get(o) ?? 0) + w);
    let charged = o;
    if (isRuntime(o)) {
      for (let id: number | undefined = parent.get(node.id), depth = 0; id !== undefined && depth < 500; id = parent.get(id), depth++) {
        const po = origin(byId.get(id)!.callFrame);
        if (!isRuntime(po) && po !== "(root)") {
          charged = po;
          break;
        }
      }
      if (isRuntime(charged)) charged = "node core (no package caller: I/O callbacks, timers, microtasks)";
    }
    chargedByOrigin.set(charged, (chargedByOrigin.get(charged) ?? 0) + w);
    const seen = new Set<string>();
    for (let id: number | undefined = node.id, depth = 0; id !== undefined && depth < 500; id = parent.get(id), depth++) {
      const f = byId.get(id)!.callFrame;
      seen.add(origin(f));
    }
    for (const s of seen) inclusiveByOrigin.set(s, (inclusiveByOrigin.get(s) ?? 0) + w);
  }
  const pct = (v: number) => `${((100 * v) / Math.max(1, total)).toFixed(1).padStart(5)} %`;
  const msOf = (v: number) => `${(v / 1000).toFixed(0).padStart(7)} ms`;
  console.log(
    `${file}${window ? ` — storm window only (${((window.endUs - window.startUs) / 1e6).toFixed(2)} s)` : " — whole run"}: ${(total / 1000).toFixed(0)} ms sampled on the main thread\n`,
  );
  console.log("Self time by origin:");
  for (const [k, v] of [...selfByOrigin].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${msOf(v)} ${pct(v)}  ${k}`);
  console.log("\nSelf time with node core charged to its nearest package caller (sums to 100 %):");
  for (const [k, v] of [...chargedByOrigin].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${msOf(v)} ${pct(v)}  ${k}`);
  console.log("\nInclusive time by origin (a sample counts for every origin on its stack):");
  for (const [k, v] of [...inclusiveByOrigin].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${msOf(v)} ${pct(v)}  ${k}`);
  console.log("\nSelf time by function (top 40):");
  for (const [k, v] of [...selfByFn].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`${msOf(v)} ${pct(v)}  ${k}`);
}

const dir = process.argv[2];
if (!dir) {
  console.error("usage: npx tsx tests/bench/profile-summary.ts <profile dir (BENCH_PROFILE_DIR/<N>)>");
  process.exit(2);
}
main(dir);
