/**
 * The pages, as a phone sees them (issue 6 items 1 and 4), measured against the same
 * production build as the storm:
 *
 * - first-load JavaScript of a page: every script the HTML loads (`<script src>` but not
 *   `nomodule`, and `<link rel="preload" as="script">`), fetched and gzipped here (zlib's default level, the
 *   one `next start` compresses with), summed;
 * - public pages under load: autocannon on warm keep-alive connections, with the response's
 *   cache headers, so the figure says whether the page came from the public-page cache in
 *   front of Next (scripts/public-page-cache.cjs) or was rendered per request;
 * - Lighthouse (mobile profile, Debian's Chromium, headless): performance and accessibility
 *   scores, and the accessibility audits that fail.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { performance } from "node:perf_hooks";
import path from "node:path";
import { gzipSync } from "node:zlib";
import autocannon, { type AutocannonResult } from "autocannon";

export interface PageJs {
  path: string;
  scripts: number;
  rawKb: number;
  gzipKb: number;
}

export interface PageLoad {
  path: string;
  perSecond: number;
  requests: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** What the server said about caching: x-minsheng-cache and Cache-Control of one response. */
  cache: string;
  cpuMsPerRequest: number;
}

export interface LighthouseFigure {
  label: string;
  path: string;
  performance: number | null;
  accessibility: number | null;
  metrics: Record<string, string>;
  failedAccessibility: { id: string; title: string; items: number }[];
  error?: string;
}

function scriptUrls(html: string, base: string): string[] {
  const urls = new Set<string>();
  // `nomodule` scripts are Next's polyfills for browsers without ES modules: a current
  // phone's browser never fetches them, and Next's own first-load figure leaves them out.
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)) if (!/\bnomodule\b/i.test(m[0])) urls.add(m[1]!);
  for (const m of html.matchAll(/<link\b[^>]*>/g)) {
    const tag = m[0];
    if (/\bas="script"/.test(tag) && /\brel="(?:preload|modulepreload)"/.test(tag)) {
      const href = /\bhref="([^"]+)"/.exec(tag)?.[1];
      if (href) urls.add(href);
    }
  }
  return [...urls].map((u) => new URL(u.replace(/&amp;/g, "&"), base).toString());
}

/** The gzipped JavaScript a page loads on first visit (no cache). */
export async function firstLoadJs(baseUrl: string, pagePath: string, cookie?: string): Promise<PageJs> {
  const res = await fetch(`${baseUrl}${pagePath}`, {
    headers: cookie ? { cookie } : {},
    redirect: "manual",
    signal: AbortSignal.timeout(60_000),
  });
  if (res.status !== 200) throw new Error(`GET ${pagePath} → ${res.status} (${res.headers.get("location") ?? ""})`);
  const urls = scriptUrls(await res.text(), baseUrl);
  let raw = 0;
  let gz = 0;
  for (const url of urls) {
    const body = Buffer.from(await (await fetch(url, { signal: AbortSignal.timeout(60_000) })).arrayBuffer());
    raw += body.length;
    gz += gzipSync(body).length;
  }
  return { path: pagePath, scripts: urls.length, rawKb: raw / 1024, gzipKb: gz / 1024 };
}

/** Requests/s of one page on warm connections, and whether it came from the cache. */
export async function pageLoad(opts: {
  baseUrl: string;
  path: string;
  pid: number;
  cpuSecondsOf: (pid: number) => number;
  seconds?: number;
  connections?: number;
}): Promise<PageLoad> {
  const probe = await fetch(`${opts.baseUrl}${opts.path}`, { signal: AbortSignal.timeout(60_000) });
  await probe.arrayBuffer();
  if (probe.status !== 200) throw new Error(`GET ${opts.path} → ${probe.status}`);
  // Second request: an ISR page is generated on the first and served from the cache after.
  const again = await fetch(`${opts.baseUrl}${opts.path}`, { signal: AbortSignal.timeout(60_000) });
  await again.arrayBuffer();
  const cache = [
    `x-minsheng-cache: ${again.headers.get("x-minsheng-cache") ?? "–"}`,
    `cache-control: ${again.headers.get("cache-control") ?? "–"}`,
  ].join("; ");
  const cpu0 = opts.cpuSecondsOf(opts.pid);
  const t0 = performance.now();
  let last = t0;
  const result = await new Promise<AutocannonResult>((resolve, reject) => {
    const instance = autocannon(
      { url: `${opts.baseUrl}${opts.path}`, connections: opts.connections ?? 16, duration: opts.seconds ?? 8, timeout: 30 },
      (error, r) => (error ? reject(error) : resolve(r)),
    );
    instance.on("response", () => (last = performance.now()));
  });
  const cpu = opts.cpuSecondsOf(opts.pid) - cpu0;
  const total = result["2xx"] + result.non2xx;
  return {
    path: opts.path,
    // Answered requests over the time to the last answer (autocannon's own average is per 1 s sample).
    perSecond: result["2xx"] / Math.max(0.001, (last - t0) / 1000),
    requests: total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    cache,
    cpuMsPerRequest: total ? (1000 * cpu) / total : Number.NaN,
  };
}

const CHROMIUM = process.env.BENCH_CHROMIUM ?? "/usr/bin/chromium";

/** One Lighthouse run (mobile: its default form factor, throttling and screen emulation). */
export async function lighthouse(root: string, label: string, url: string, cookie?: string): Promise<LighthouseFigure> {
  const pagePath = new URL(url).pathname;
  const empty: LighthouseFigure = { label, path: pagePath, performance: null, accessibility: null, metrics: {}, failedAccessibility: [] };
  const cli = path.join(root, "node_modules/lighthouse/cli/index.js");
  if (!existsSync(cli)) return { ...empty, error: "lighthouse is not installed (npm ci)" };
  if (!existsSync(CHROMIUM)) return { ...empty, error: `no Chromium at ${CHROMIUM} (apt-get install -y chromium)` };
  const args = [
    cli,
    url,
    "--output=json",
    "--output-path=stdout",
    "--quiet",
    "--only-categories=performance,accessibility",
    `--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --disable-background-networking --disable-component-update --disable-sync`,
    "--max-wait-for-load=60000",
  ];
  if (cookie) args.push(`--extra-headers=${JSON.stringify({ Cookie: cookie })}`);
  const out = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, CHROME_PATH: CHROMIUM }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 240_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
  let report: LighthouseReport;
  try {
    report = JSON.parse(out.stdout) as LighthouseReport;
  } catch {
    return { ...empty, error: `lighthouse exited ${out.code}: ${out.stderr.trim().split("\n").slice(-3).join(" / ").slice(0, 300)}` };
  }
  if (report.runtimeError) return { ...empty, error: `${report.runtimeError.code}: ${report.runtimeError.message}` };
  const score = (id: string) => (report.categories[id]?.score == null ? null : Math.round(100 * report.categories[id]!.score!));
  const metric = (id: string) => report.audits[id]?.displayValue ?? "–";
  const failed = (report.categories.accessibility?.auditRefs ?? [])
    .map((ref) => report.audits[ref.id])
    .filter((a): a is LighthouseAudit => !!a && a.scoreDisplayMode === "binary" && a.score === 0)
    .map((a) => ({ id: a.id, title: a.title, items: a.details?.items?.length ?? 0 }));
  return {
    ...empty,
    performance: score("performance"),
    accessibility: score("accessibility"),
    metrics: {
      FCP: metric("first-contentful-paint"),
      LCP: metric("largest-contentful-paint"),
      TBT: metric("total-blocking-time"),
      CLS: metric("cumulative-layout-shift"),
      SI: metric("speed-index"),
    },
    failedAccessibility: failed,
    // A page that redirected (e.g. to sign-in) was not the page meant.
    error:
      report.finalDisplayedUrl && new URL(report.finalDisplayedUrl).pathname !== pagePath
        ? `ended on ${report.finalDisplayedUrl}`
        : undefined,
  };
}

interface LighthouseAudit {
  id: string;
  title: string;
  score: number | null;
  scoreDisplayMode: string;
  displayValue?: string;
  details?: { items?: unknown[] };
}

interface LighthouseReport {
  finalDisplayedUrl?: string;
  runtimeError?: { code: string; message: string };
  categories: Record<string, { score: number | null; auditRefs: { id: string }[] } | undefined>;
  audits: Record<string, LighthouseAudit | undefined>;
}
