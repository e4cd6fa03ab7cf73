import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FALLBACK_POLL_MS, LIVE_URL, RECONNECT_MS, SILENCE_MS, startLiveSession } from "~/components/delegate/live-session";

/** The browser's EventSource, at the edge: what the server sends is played by the test. */
class FakeSource {
  static opened: FakeSource[] = [];
  closed = false;
  onmessage: ((ev: MessageEvent) => unknown) | null = null;
  onerror: ((ev: Event) => unknown) | null = null;
  private listeners = new Map<string, (() => void)[]>();
  constructor(readonly url: string) {
    FakeSource.opened.push(this);
  }
  addEventListener(type: string, listener: () => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close() {
    this.closed = true;
  }
  send(type: "message" | "connected" | "ping" | "serialized-error" | "return") {
    if (type === "message") this.onmessage?.(new MessageEvent("message", { data: STATE_MESSAGE }));
    else for (const l of this.listeners.get(type) ?? []) l();
  }
  fail() {
    this.onerror?.(new Event("error"));
  }
}

/** A state as the server's transformer sends it; the page, not the session, reads it. */
const STATE_MESSAGE = '{"json":{"sessionId":"s1","polls":[]}}';

const latest = () => FakeSource.opened[FakeSource.opened.length - 1]!;

function start(random = () => 0.5) {
  const refresh = vi.fn();
  const live = startLiveSession(refresh, { open: (url) => new FakeSource(url), random });
  return { refresh, live };
}

describe("a delegate page's live session", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    FakeSource.opened = [];
  });
  afterEach(() => vi.useRealTimers());

  it("refreshes when told and on connecting, and never polls while the stream is up", () => {
    const { refresh, live } = start();
    expect(FakeSource.opened.map((s) => s.url)).toEqual([LIVE_URL]);
    latest().send("connected");
    latest().send("message"); // the server's first word: the present state, handed to the page as sent
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(refresh).toHaveBeenLastCalledWith(STATE_MESSAGE);
    // Ten quiet minutes, the server pinging: nothing asked.
    for (let i = 0; i < 40; i++) {
      vi.advanceTimersByTime(15_000);
      latest().send("ping");
    }
    expect(refresh).toHaveBeenCalledTimes(1);
    latest().send("message");
    expect(refresh).toHaveBeenCalledTimes(2);
    expect(FakeSource.opened).toHaveLength(1);
    live.stop();
  });

  it("while the stream is down: polls every 20–40 s, reconnects after a random wait in a window that doubles, refetches once back", () => {
    const { refresh, live } = start();
    latest().send("message");
    refresh.mockClear();

    latest().fail();
    expect(FakeSource.opened[0]!.closed, "closed, not left to the browser's own fixed-delay retry").toBe(true);
    // Reconnect waits: 1 s + half of a 5, 10, 20, 40, 60, 60 s window (random() = 0.5).
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      const before = FakeSource.opened.length;
      let waited = 0;
      while (FakeSource.opened.length === before) {
        vi.advanceTimersByTime(100);
        waited += 100;
      }
      waits.push(waited);
      latest().fail();
    }
    expect(waits).toEqual([3_500, 6_000, 11_000, 21_000, 31_000, 31_000]);
    // Meanwhile the page kept itself current, slowly: one refresh per 30 s (20–40 s at random() = 0.5).
    const downFor = waits.reduce((a, b) => a + b, 0);
    expect(refresh).toHaveBeenCalledTimes(Math.floor(downFor / ((FALLBACK_POLL_MS.min + FALLBACK_POLL_MS.max) / 2)));
    expect(
      refresh.mock.calls.every((call) => call[0] === undefined),
      "a fallback refresh brings no state: the page asks",
    ).toBe(true);

    // Back: one refresh on connecting, no more polling, and the next failure starts from the smallest window again.
    vi.advanceTimersByTime(RECONNECT_MS.min + RECONNECT_MS.max);
    refresh.mockClear();
    latest().send("message");
    expect(refresh).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 40; i++) {
      vi.advanceTimersByTime(15_000);
      latest().send("ping");
    }
    expect(refresh).toHaveBeenCalledTimes(1);
    live.stop();
  });

  it("phones wait different times: a hall does not reconnect in the same second", () => {
    const waits = [0, 0.25, 0.5, 0.75, 0.999].map((r) => {
      FakeSource.opened = [];
      const { live } = start(() => r);
      latest().fail();
      let waited = 0;
      while (FakeSource.opened.length === 1) {
        vi.advanceTimersByTime(100);
        waited += 100;
      }
      live.stop();
      return waited;
    });
    expect(waits).toEqual([1_000, 2_300, 3_500, 4_800, 6_000]);
  });

  it("a connection that goes silent (no ping), a refusal, or the stream's end count as down", () => {
    const { live } = start(() => 0);
    latest().send("connected");
    vi.advanceTimersByTime(SILENCE_MS - 1);
    expect(FakeSource.opened).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(latest().closed).toBe(true);
    vi.advanceTimersByTime(RECONNECT_MS.min);
    expect(FakeSource.opened).toHaveLength(2);
    latest().send("serialized-error");
    expect(latest().closed).toBe(true);
    vi.advanceTimersByTime(RECONNECT_MS.min);
    expect(FakeSource.opened).toHaveLength(3);
    latest().send("return");
    expect(latest().closed).toBe(true);
    // Taken out of the pocket: back at once, not after the backoff.
    live.wake();
    expect(FakeSource.opened).toHaveLength(4);
    live.stop();
    expect(latest().closed).toBe(true);
  });
});
