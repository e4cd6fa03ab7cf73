import type { AppErrorCode } from "~/lib/app-error-codes";
import type { Sending } from "./submission-record";

/**
 * The one seam between a durable submission and the network. The rating ballot talks tRPC
 * through react-query (its `trpc-transport.ts`); the voting page sends with plain `fetch`
 * on tRPC's wire (its `fetch-transport.ts`). Whatever does it only
 * has to answer in these terms: the hook and the screens never see a client, an HTTP
 * status or an exception.
 */

/** What the delegate is told: an app error code (its text is `errors.<code>`), or the network. */
export type FailureCode = AppErrorCode | "NETWORK";

/**
 * Why a request did not succeed.
 *  retry — it may not have arrived, or the server could not finish it (network, timeout,
 *          overload): safe to resend under the same key, which the server stores once.
 *  refused — the server answered and stored nothing; resending the same would change nothing.
 */
export type Failure = { retry: true } | { retry: false; code: FailureCode };

export type SendResult = { ok: true; tracker: string } | { ok: false; failure: Failure };

/**
 * Sends one confirmed submission under its idempotency key (with `replaces.key` when it
 * replaces a ballot) and resolves with the receipt code or why not; it never rejects. It
 * must give up when `signal` aborts: the hook then resends.
 */
export type SendSubmission<C extends string> = (submission: Sending<C>, signal: AbortSignal) => Promise<SendResult>;
