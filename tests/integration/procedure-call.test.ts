import { afterEach, describe, expect, it, vi } from "vitest";
import { failureOf } from "~/components/submission/trpc-failure";
import { CallError, callProcedure } from "~/components/trpc/procedure-call";
import { appCodeOf, isNetworkError } from "~/components/trpc/use-app-error";
import { handleBrowserTrpcRequest } from "~/server/api/http-handler";
import type { DelegateActor } from "~/server/auth/actor";
import { allChoices, callerFor, checkInMany, createSessionFixture, db, newKey, openPollFixture } from "./fixtures";
import { browserHeaders, cookieOf, ORIGIN } from "./http";

/**
 * The voting page speaks tRPC's wire with plain fetch (components/trpc/procedure-call.ts).
 * Here its calls reach the app's real HTTP handler, as the browser's would (the page's
 * relative address on our origin, a delegate's session): if the wire changes under it, this fails.
 */
function browserFetchAs(delegate: DelegateActor) {
  return vi.fn(async (url: string, init: RequestInit = {}) => {
    const cookie = (await cookieOf(delegate))!;
    const headers: Record<string, string> = { ...browserHeaders(), ...(init.headers as Record<string, string> | undefined), cookie };
    const req = new Request(new URL(url, ORIGIN), { ...init, headers: init.method === "POST" ? headers : { host: headers.host!, cookie } });
    return handleBrowserTrpcRequest(req);
  });
}

afterEach(() => vi.unstubAllGlobals());

describe("the voting page's plain-fetch calls to tRPC procedures", () => {
  it("reads the poll as tRPC's own caller does, casts once, and the server's refusal comes back with its code", async () => {
    const f = await createSessionFixture({ delegates: 2 });
    await checkInMany(f, 2);
    const poll = await openPollFixture(f);
    const delegate = await f.delegate(0);
    vi.stubGlobal("fetch", browserFetchAs(delegate));

    const view = await callProcedure("query", "delegate.poll", { pollId: poll.id });
    expect(view).toEqual(await callerFor(delegate).delegate.poll({ pollId: poll.id }));

    const key = newKey();
    const input = { pollId: poll.id, choices: allChoices(poll.pollCandidates), idempotencyKey: key };
    const first = await callProcedure<{ tracker: string }>("mutation", "delegate.cast", input);
    expect(first.tracker).toMatch(/^[0-9A-Z-]{8,}$/);
    // The same key again (an answer lost on the way back): the same receipt, one ballot.
    expect(await callProcedure("mutation", "delegate.cast", input)).toMatchObject({ tracker: first.tracker });
    expect(await db.participation.count({ where: { pollId: poll.id } })).toBe(1);

    const refused = await callProcedure("mutation", "delegate.cast", { ...input, idempotencyKey: newKey() }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CallError);
    expect(appCodeOf(refused)).toBe("ALREADY_VOTED");
    expect(isNetworkError(refused)).toBe(false);
    expect(failureOf(refused)).toEqual({ retry: false, code: "ALREADY_VOTED" });

    const unknown = await callProcedure("query", "delegate.poll", { pollId: "not-an-id" }).catch((e: unknown) => e);
    expect(failureOf(unknown)).toEqual({ retry: false, code: "BAD_INPUT" });
  });

  it("no answer, or a proxy's error page instead of tRPC's, is network trouble: safe to resend with the same key", async () => {
    vi.stubGlobal("fetch", async () => {
      throw new TypeError("Failed to fetch");
    });
    const lost = await callProcedure("mutation", "delegate.cast", {}).catch((e: unknown) => e);
    expect(lost).toBeInstanceOf(CallError);
    expect([isNetworkError(lost), failureOf(lost)]).toEqual([true, { retry: true }]);

    vi.stubGlobal("fetch", async () => new Response("<h1>502 Bad Gateway</h1>", { status: 502, headers: { "content-type": "text/html" } }));
    const gateway = await callProcedure("query", "delegate.poll", { pollId: "x" }).catch((e: unknown) => e);
    expect([isNetworkError(gateway), failureOf(gateway)]).toEqual([true, { retry: true }]);
  });
});
