/**
 * The storm: every signed-in delegate presses "submit" at the same moment.
 *
 * autocannon opens one connection per delegate (connections = amount = N, so each
 * connection sends exactly one request) and writes every request as soon as its socket
 * connects. Each connection is given its own delegate on the first build of its request
 * (`setupRequest` runs once per connection with a per-connection `context`): the
 * delegate's session cookie and a ballot marking all candidates, with a fresh random
 * idempotency key — exactly what the phone sends to `delegate.cast`.
 */
import autocannon, { type AutocannonResult } from "autocannon";
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";

const CHOICES = ["FOR", "AGAINST", "ABSTAIN"] as const;

export interface StormInput {
  /** Several URLs (app servers behind no balancer): connections are spread round-robin over them. */
  url: string | string[];
  pollId: string;
  pollCandidateIds: readonly string[];
  /** One Cookie header per delegate. */
  cookies: readonly string[];
  timeoutSeconds: number;
}

export interface StormOutcome {
  sent: number;
  ok: number;
  /** Non-2xx responses by `status appCode`, e.g. "409 ALREADY_VOTED". */
  refused: Record<string, number>;
  /** Connection errors and timeouts (no HTTP response at all). */
  transportErrors: number;
  /** Those errors by code (ECONNRESET, "request timed out", …). */
  transportErrorKinds: Record<string, number>;
  timeouts: number;
  /** Trackers returned in 2xx responses (one per accepted ballot). */
  trackers: string[];
  replays: number;
  /** From the first request written to the last response, ms. */
  wallMs: number;
  /** Per-response latency (ms), from autocannon's `response` event: includes the TCP connect. */
  latenciesMs: number[];
  autocannon: Pick<AutocannonResult, "errors" | "timeouts" | "non2xx" | "2xx" | "statusCodeStats"> & {
    latency: { p50: number; p97_5: number; p99: number; max: number };
  };
}

interface Assignment {
  delegate: number;
}

export function runVoteStorm(input: StormInput): Promise<StormOutcome> {
  const n = input.cookies.length;
  // Bodies are prepared up front so building a request costs the load generator nothing.
  const bodies = input.cookies.map(() => {
    const choices: Record<string, string> = {};
    for (const id of input.pollCandidateIds) choices[id] = CHOICES[Math.floor(Math.random() * 3)]!;
    return JSON.stringify({ json: { pollId: input.pollId, choices, idempotencyKey: randomBytes(16).toString("hex") } });
  });
  let nextDelegate = 0;
  const trackers: string[] = [];
  const refused: Record<string, number> = {};
  let ok = 0;
  let replays = 0;
  const latenciesMs: number[] = [];
  let lastResponseAt = 0;
  const transportErrorKinds: Record<string, number> = {};

  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const instance = autocannon(
      {
        url: input.url,
        connections: n,
        amount: n,
        pipelining: 1,
        timeout: input.timeoutSeconds,
        // Samples only feed autocannon's req/s histogram; a short interval ends the run sooner after the last response.
        sampleInt: 100,
        requests: [
          {
            method: "POST",
            path: "/api/trpc/delegate.cast",
            setupRequest(req, context) {
              const ctx = context as Partial<Assignment>;
              // setupRequest runs once per connection here; the guard makes a second build reuse the same delegate.
              if (ctx.delegate === undefined) {
                if (nextDelegate >= n) return null;
                ctx.delegate = nextDelegate++;
              }
              return {
                ...req,
                method: "POST",
                path: "/api/trpc/delegate.cast",
                headers: { "content-type": "application/json", cookie: input.cookies[ctx.delegate]! },
                body: bodies[ctx.delegate]!,
              };
            },
            onResponse(status, body) {
              if (status >= 200 && status < 300) {
                try {
                  const parsed = JSON.parse(body) as { result: { data: { json: { tracker: string; replay: boolean } } } };
                  trackers.push(parsed.result.data.json.tracker);
                  if (parsed.result.data.json.replay) replays++;
                  ok++;
                } catch {
                  refused[`${status} unparsable body`] = (refused[`${status} unparsable body`] ?? 0) + 1;
                }
                return;
              }
              let code = "?";
              try {
                const parsed = JSON.parse(body) as { error?: { json?: { message?: string } } };
                code = parsed.error?.json?.message ?? "?";
              } catch {
                code = body.slice(0, 40).replace(/\s+/g, " ");
              }
              const key = `${status} ${code}`;
              refused[key] = (refused[key] ?? 0) + 1;
            },
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        resolve({
          sent: result.requests.sent,
          ok,
          refused,
          transportErrors: result.errors,
          transportErrorKinds,
          timeouts: result.timeouts,
          trackers,
          replays,
          wallMs: (lastResponseAt || performance.now()) - t0,
          latenciesMs,
          autocannon: {
            errors: result.errors,
            timeouts: result.timeouts,
            non2xx: result.non2xx,
            "2xx": result["2xx"],
            statusCodeStats: result.statusCodeStats,
            latency: { p50: result.latency.p50, p97_5: result.latency.p97_5, p99: result.latency.p99, max: result.latency.max },
          },
        });
      },
    );
    instance.on("reqError", (error) => {
      const kind = (error as NodeJS.ErrnoException).code ?? error.message;
      transportErrorKinds[kind] = (transportErrorKinds[kind] ?? 0) + 1;
    });
    instance.on("response", (_client, _status, _bytes, responseTime) => {
      latenciesMs.push(responseTime);
      lastResponseAt = performance.now();
    });
  });
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/**
 * CPU the server spends per request on one route under steady keep-alive load
 * (`connections` sockets, `amount` requests): the fixed cost of the stack for that route.
 */
export async function routeCpuCost(opts: {
  url: string;
  path: string;
  pid: number;
  cpuSecondsOf: (pid: number) => number;
  connections?: number;
  amount?: number;
  headers?: Record<string, string>;
}): Promise<{ path: string; requests: number; ok: number; cpuMsPerRequest: number; perSecond: number }> {
  const amount = opts.amount ?? 2000;
  const cpu0 = opts.cpuSecondsOf(opts.pid);
  const t0 = performance.now();
  let last = t0;
  const result = await new Promise<AutocannonResult>((resolve, reject) => {
    const instance = autocannon(
      { url: `${opts.url}${opts.path}`, connections: opts.connections ?? 16, amount, timeout: 30, sampleInt: 100, headers: opts.headers },
      (error, r) => (error ? reject(error) : resolve(r)),
    );
    instance.on("response", () => (last = performance.now()));
  });
  const cpu = opts.cpuSecondsOf(opts.pid) - cpu0;
  return {
    path: opts.path,
    requests: amount,
    ok: result["2xx"],
    cpuMsPerRequest: (1000 * cpu) / amount,
    perSecond: result["2xx"] / ((last - t0) / 1000),
  };
}
