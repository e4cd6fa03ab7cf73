/**
 * What a live event says (the NOTIFY payload on server/services/notify.ts's channel): the
 * session, what kind of change, and for a delegate's own check-in whose. Never a choice,
 * a count or anything else a secret poll could leak; app servers read it, phones never do.
 */
export type LiveEventKind =
  /** A delegate checked in (`delegateId`), or the check-in window opened or closed (none). */
  | "check-in"
  /** A poll changed as delegates see it: opened, closed, voided, certified, published. */
  | "poll"
  /** A poll was drafted: only the secretariat's views show drafts. */
  | "draft"
  /** The count of a closed poll changed: a paper ballot, a scrutineer's sign-off. */
  | "count"
  /** The session's scrutineers were chosen again. */
  | "scrutineers"
  /** Ballots were cast (coalesced per app server): turnout only. */
  | "ballot"
  /**
   * A sign-in of `delegateId` ended (signed out) or their account changed (disabled, new
   * credentials): their live streams check that their own sign-in still holds.
   */
  | "account";

export interface LiveEvent {
  kind: LiveEventKind;
  delegateId?: string;
}

/**
 * Whether an event changes what a delegate's phone shows (home, ballot, sign-off). A hall
 * of 1,300 phones refetches on each one, so nothing reaches them that they would not show:
 * not ballots (turnout is the hall screen's), not another delegate's check-in, not drafts,
 * and a count's changes only for scrutineers, who confirm it.
 */
export function reachesDelegate(event: LiveEvent, delegate: { id: string; scrutineer: boolean }): boolean {
  switch (event.kind) {
    case "check-in":
      return event.delegateId === undefined || event.delegateId === delegate.id;
    case "poll":
    case "scrutineers":
      return true;
    case "count":
      return delegate.scrutineer;
    case "account":
      return event.delegateId === delegate.id;
    case "draft":
    case "ballot":
      return false;
  }
}
