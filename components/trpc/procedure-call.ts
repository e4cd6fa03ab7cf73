/**
 * One call to a tRPC procedure with plain `fetch`, for the voting page, which loads neither
 * tRPC's client nor react-query (issue 14 item 5). The wire is tRPC's own, unbatched, as
 * `httpLink` speaks it with superjson: `{ json: input }` in, `{ result: { data: { json } } }`
 * or `{ error: { json: { message, data } } }` out. Only for procedures whose input and
 * output are plain JSON (no dates, maps or sets: superjson would add `meta` for those).
 */

/** What the server's error formatter puts on a refusal (server/api/trpc.ts). */
export interface CallErrorData {
  appCode?: string;
  httpStatus?: number;
}

/** A failed call: `data` is the server's answer, undefined when none came (network, timeout, a proxy's error page). */
export class CallError extends Error {
  override name = "CallError";
  constructor(
    message: string,
    readonly data?: CallErrorData,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export async function callProcedure<T>(type: "query" | "mutation", path: string, input: unknown, signal?: AbortSignal): Promise<T> {
  const url = `/api/trpc/${path}`;
  const body = JSON.stringify({ json: input });
  let answer: { result?: { data?: { json?: T } }; error?: { json?: { message?: string; data?: CallErrorData } } };
  let status = 0;
  try {
    const res =
      type === "query"
        ? await fetch(`${url}?input=${encodeURIComponent(body)}`, { signal })
        : await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body, signal });
    status = res.status;
    answer = (await res.json()) as typeof answer;
  } catch (cause) {
    throw new CallError(status ? `HTTP ${status} without tRPC's answer` : "no answer", undefined, { cause });
  }
  if (answer.error) throw new CallError(answer.error.json?.message ?? `HTTP ${status}`, answer.error.json?.data ?? { httpStatus: status });
  return answer.result?.data?.json as T;
}
