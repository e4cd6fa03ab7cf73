import type { Failure, SendSubmission } from "~/components/submission/transport";
import type { TChoice, TDelegatePollView } from "~/lib/schemas/vote";

/**
 * What the ballot needs from the network, and nothing more (the submission's side is
 * components/submission/transport.ts). trpc-transport.ts provides both over tRPC and
 * react-query, polling the poll; a lighter voting page can provide them with `fetch` and
 * a live stream, and the screens stay as they are.
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
