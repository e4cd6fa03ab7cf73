/**
 * The quiet hall (issue 14 item 2): N signed-in phones at rest on their home page, each
 * with its live stream open (`delegate.live`, SSE), which brings the delegate's session
 * state whenever it changes, as components/delegate/session-status.tsx takes it. For
 * `seconds`: the requests the phones send and the app's CPU. Then the secretariat opens a
 * poll: how long until every phone holds a state that shows it open. Then, for comparison
 * on the same server, the same phones polling `delegate.state` every 3 s as the pages did
 * before.
 */
import { performance } from "node:perf_hooks";
import { mapBounded, trpcMutation } from "./http-session";
import { percentile } from "./vote-storm";

export interface QuietHallFigures {
  phones: number;
  seconds: number;
  /** Requests the phones sent in the window (the streams were opened before it), and the app's CPU as % of one core. */
  listening: { streamsOpen: number; requests: number; perSecond: number; appCpuPct: number };
  /** From the secretariat's openPoll call to each phone's stream bringing a state that shows the poll open. */
  reach: { shown: number; shownP50Ms: number; shownMaxMs: number };
  /** The same phones polling every 3 s, without streams (the pages before issue 14). */
  polling: { requests: number; perSecond: number; appCpuPct: number };
}

const POLL_INTERVAL_MS = 3_000;

/** One phone's live stream, read the way an EventSource reads tRPC's SSE; a stream that ends makes the phone ask instead, as the page does. */
class ListeningPhone {
  requests = 0;
  shownAt: number | null = null;
  private armedAt = Infinity;
  private readonly stop = new AbortController();

  constructor(
    private readonly url: string,
    private readonly cookie: string,
  ) {}

  /** Resolves once the stream is open and has brought the present state (what a page shows on connecting). */
  async open(): Promise<void> {
    const res = await fetch(`${this.url}/api/trpc/delegate.live`, {
      headers: { cookie: this.cookie, accept: "text/event-stream" },
      signal: this.stop.signal,
    });
    if (!res.ok || !res.body) throw new Error(`delegate.live → HTTP ${res.status}`);
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let first!: { resolve: () => void; reject: (e: Error) => void };
    const firstState = new Promise<void>((resolve, reject) => (first = { resolve, reject }));
    void (async () => {
      let buffered = "";
      for (;;) {
        const chunk = await reader.read().catch(() => ({ done: true, value: undefined }) as const);
        if (chunk.done) {
          if (!this.stop.signal.aborted) await this.ask();
          return;
        }
        buffered += chunk.value;
        let end: number;
        while ((end = buffered.indexOf("\n\n")) >= 0) {
          const block = buffered.slice(0, end);
          buffered = buffered.slice(end + 2).replace(/^\n+/, "");
          if (/^event:/m.test(block)) {
            if (/^event: serialized-error/m.test(block)) first.reject(new Error(`delegate.live refused: ${block}`));
            continue; // connected, ping
          }
          const at = performance.now();
          if (this.shownAt === null && at >= this.armedAt && block.includes('"OPEN"')) this.shownAt = at;
          first.resolve();
        }
      }
    })();
    await firstState;
  }

  private async ask(): Promise<void> {
    this.requests++;
    await (await fetch(`${this.url}/api/trpc/delegate.state`, { headers: { cookie: this.cookie } })).arrayBuffer();
  }

  arm(at: number) {
    this.armedAt = at;
  }

  close() {
    this.stop.abort();
  }
}

export async function runQuietHall(opts: {
  url: string;
  staffCookie: string;
  cookies: string[];
  sessionId: string;
  candidateIds: string[];
  seconds: number;
  appCpuSeconds: () => number;
  log: (message: string) => void;
}): Promise<QuietHallFigures> {
  const { url, cookies, seconds } = opts;
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const phones = cookies.map((cookie) => new ListeningPhone(url, cookie));
  try {
    await mapBounded(phones, 32, (p) => p.open());
    opts.log(`${phones.length} phones have their live stream open (each brought the present state)`);
    await sleep(2_000);

    const requests0 = phones.reduce((sum, p) => sum + p.requests, 0);
    const cpu0 = opts.appCpuSeconds();
    await sleep(seconds * 1000);
    const listeningCpu = opts.appCpuSeconds() - cpu0;
    const listeningRequests = phones.reduce((sum, p) => sum + p.requests, 0) - requests0;

    const { id: pollId } = await trpcMutation<{ id: string }>(url, opts.staffCookie, "secretariat.createPoll", {
      sessionId: opts.sessionId,
      title: "2025年民生实事项目票决（静候测试）",
      kind: "EQUAL",
      secret: true,
      candidateIds: opts.candidateIds,
    });
    await sleep(1_500); // the draft's news (which phones do not hear) is past
    const t0 = performance.now();
    for (const p of phones) p.arm(t0);
    await trpcMutation(url, opts.staffCookie, "secretariat.openPoll", { pollId });
    const deadline = t0 + 60_000;
    while (phones.some((p) => p.shownAt === null) && performance.now() < deadline) await sleep(50);
    const shown = phones.flatMap((p) => (p.shownAt === null ? [] : [p.shownAt - t0])).sort((a, b) => a - b);
    for (const p of phones) p.close();

    // Before: every phone asks every 3 s, each at its own phase.
    await sleep(2_000);
    let pollRequests = 0;
    const pollCpu0 = opts.appCpuSeconds();
    const pollEnd = performance.now() + seconds * 1000;
    await Promise.all(
      cookies.map(async (cookie) => {
        await sleep(Math.random() * POLL_INTERVAL_MS);
        while (performance.now() < pollEnd) {
          pollRequests++;
          await (await fetch(`${url}/api/trpc/delegate.state`, { headers: { cookie } })).arrayBuffer();
          await sleep(POLL_INTERVAL_MS);
        }
      }),
    );
    const pollSeconds = seconds + (performance.now() - pollEnd) / 1000;
    const pollCpu = opts.appCpuSeconds() - pollCpu0;

    return {
      phones: phones.length,
      seconds,
      listening: {
        streamsOpen: phones.length,
        requests: listeningRequests,
        perSecond: listeningRequests / seconds,
        appCpuPct: (100 * listeningCpu) / seconds,
      },
      reach: { shown: shown.length, shownP50Ms: percentile(shown, 50), shownMaxMs: shown[shown.length - 1] ?? Number.NaN },
      polling: { requests: pollRequests, perSecond: pollRequests / pollSeconds, appCpuPct: (100 * pollCpu) / pollSeconds },
    };
  } finally {
    for (const p of phones) p.close();
  }
}

/** The report's section (docs/BENCHMARKS.md). */
export function quietHallSection(q: QuietHallFigures | null): string[] {
  const L = ["## A quiet hall: phones listening instead of polling", ""];
  if (!q) return [...L, "_(skipped in this run: BENCH_QUIET_HALL=0)_", ""];
  const ms = (v: number) => (Number.isFinite(v) ? `${Math.round(v).toLocaleString("en-US")} ms` : "–");
  L.push(`${q.phones} signed-in phones on their home page, a fresh server of the same build. **Listening**: each phone holds`);
  L.push("its live stream (`delegate.live`, SSE) open, which brings the delegate's state when it changes, as the home page");
  L.push(`takes it; measured over ${q.seconds} s at rest. Then the secretariat opens a poll over HTTP: the time from that call until`);
  L.push("each phone's stream has brought a state showing the poll open. **Polling** (the pages before issue 14): the same phones");
  L.push(`asking \`delegate.state\` every 3 s, no streams, over ${q.seconds} s. App CPU is the server's, as % of one core.`);
  L.push("");
  L.push("| | requests | requests/s | app CPU |");
  L.push("|---|---:|---:|---:|");
  L.push(
    `| listening (${q.listening.streamsOpen} streams open) | ${q.listening.requests} | ${q.listening.perSecond.toFixed(1)} | ${q.listening.appCpuPct.toFixed(1)} % |`,
  );
  L.push(`| polling every 3 s | ${q.polling.requests} | ${q.polling.perSecond.toFixed(1)} | ${q.polling.appCpuPct.toFixed(1)} % |`);
  L.push("");
  L.push("| a poll opens | phones | p50 | slowest |");
  L.push("|---|---:|---:|---:|");
  L.push(
    `| state showing it open, on the stream | ${q.reach.shown} / ${q.phones} | ${ms(q.reach.shownP50Ms)} | ${ms(q.reach.shownMaxMs)} |`,
  );
  L.push("");
  return L;
}

/** Issue 14's goals for a hall at rest, met or missed in this run. */
export function quietHallTargets(q: QuietHallFigures | null): [string, boolean][] {
  if (!q) return [];
  return [
    [
      `a quiet hall of ${q.phones} phones: no polling, < 5 % of a core (${q.listening.perSecond.toFixed(1)} req/s, ${q.listening.appCpuPct.toFixed(1)} %)`,
      q.listening.requests === 0 && q.listening.appCpuPct < 5,
    ],
    [
      `a poll opening reaches every phone within a second (${q.reach.shown} / ${q.phones}, slowest ${Math.round(q.reach.shownMaxMs)} ms)`,
      q.reach.shown === q.phones && q.reach.shownMaxMs <= 1000,
    ],
  ];
}
