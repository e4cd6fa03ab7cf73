import type { Failure, SendSubmission } from "~/components/submission/transport";
import type { TChoice, TDelegatePollView } from "~/lib/schemas/vote";

/**
 * What the ballot needs from the network, and nothing more (the submission's side is
 * components/submission/transport.ts). fetch-transport.ts provides both with plain
 * `fetch` on tRPC's wire, so the voting page loads no tRPC client or react-query; the
 * screens know nothing of how.
 */

/** The poll as this delegate sees it, kept fresh while the ballot may still change (a close, a desk check-in). */
export interface PollFeed {
  view: TDelegatePollView | undefined;
  /** The last load failed: `retry` while it keeps trying over a bad network, or why the server refused. */
  failure: Failure | null;
  reload(): void;
}

export type UsePollFeed = (pollId: string, initial: TDelegatePollView | undefined, live: boolean) => PollFeed;

export type UseCastBallot = (pollId: string) => SendSubmission<TChoice>;
