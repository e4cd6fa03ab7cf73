/**
 * Talking to the built app the way a phone or the secretariat's laptop does: the sign-in
 * form's post and tRPC over HTTP with superjson's `{ json }` envelope.
 */

export const SESSION_COOKIE = "next-auth.session-token";

/** name=value pairs from Set-Cookie headers (attributes dropped). */
function cookiesFrom(res: Response): Map<string, string> {
  const jar = new Map<string, string>();
  for (const header of res.headers.getSetCookie()) {
    const pair = header.split(";")[0] ?? "";
    const eq = pair.indexOf("=");
    if (eq > 0) jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
  return jar;
}

/**
 * Signs in the way the sign-in page's form does (/api/sign-in, one form post) and returns
 * the Cookie header value that carries the session (`next-auth.session-token=…`). Throws
 * with the reason on failure.
 */
export async function signIn(baseUrl: string, provider: "delegate-pin" | "staff", credentials: Record<string, string>): Promise<string> {
  const res = await fetch(`${baseUrl}/api/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: new URLSearchParams({ ...credentials, kind: provider === "staff" ? "staff" : "delegate" }).toString(),
    redirect: "manual",
    signal: AbortSignal.timeout(60_000),
  });
  const token = cookiesFrom(res).get(SESSION_COOKIE);
  if (!token) {
    const body = await res.text().catch(() => "");
    throw new Error(`sign-in (${provider}) refused: HTTP ${res.status} ${body.slice(0, 200)}`);
  }
  await res.arrayBuffer().catch(() => undefined);
  return `${SESSION_COOKIE}=${token}`;
}

/** A tRPC mutation over HTTP; returns the procedure's `json` result or throws with the app's error code. */
export async function trpcMutation<T>(baseUrl: string, cookie: string, procedure: string, input: unknown): Promise<T> {
  const res = await fetch(`${baseUrl}/api/trpc/${procedure}`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify({ json: input }),
    signal: AbortSignal.timeout(60_000),
  });
  const body = (await res.json()) as { result?: { data?: { json?: T } }; error?: { json?: { message?: string } } };
  if (!res.ok || !body.result)
    throw new Error(`${procedure} → HTTP ${res.status} ${body.error?.json?.message ?? JSON.stringify(body).slice(0, 200)}`);
  return body.result.data!.json as T;
}

/** Runs `task` over `items` with at most `limit` in flight; returns results in input order. */
export async function mapBounded<I, O>(items: readonly I[], limit: number, task: (item: I, index: number) => Promise<O>): Promise<O[]> {
  const out = new Array<O>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await task(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
