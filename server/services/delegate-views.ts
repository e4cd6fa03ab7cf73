import "server-only";
import { loadActor, type ActorRef, type DelegateActor } from "../auth/actor";
import type { Db } from "../db-client";
import { reachesDelegate, type LiveEvent } from "../domain/live-events";
import { AppError } from "../errors";
import type { TDelegatePollView, TDelegateSessionState } from "~/lib/schemas/vote";
import { toPollCandidateView } from "./poll-view";
import { sessionChanges } from "./realtime";

// What a delegate's phone reads; the phone's one write, the ballot, is cast-ballot.ts.

/** What the delegate's phone shows: check-in state and the polls of their own session. */
export async function getDelegateSessionState(db: Db, actor: DelegateActor): Promise<TDelegateSessionState> {
  const [session, checkIn, scrutineer, polls] = await Promise.all([
    db.congressSession.findUniqueOrThrow({ where: { id: actor.sessionId }, select: { checkInOpen: true } }),
    db.checkIn.findUnique({ where: { delegateId: actor.id }, select: { checkedInAt: true } }),
    db.scrutineer.count({ where: { sessionId: actor.sessionId, delegateId: actor.id } }),
    db.poll.findMany({
      where: { sessionId: actor.sessionId, status: { in: ["OPEN", "CLOSED", "CERTIFIED", "PUBLISHED"] } },
      orderBy: { createdAt: "desc" },
      select: {
        id: true,
        title: true,
        kind: true,
        seats: true,
        status: true,
        runoffOfId: true,
        secret: true,
        participations: { where: { delegateId: actor.id }, select: { pollId: true } },
      },
    }),
  ]);
  return {
    sessionId: actor.sessionId,
    checkInOpen: session.checkInOpen,
    checkedInAt: checkIn?.checkedInAt ?? null,
    isScrutineer: scrutineer > 0,
    polls: polls.map(({ participations, ...p }) => ({ ...p, voted: participations.length > 0 })),
  };
}

export async function getDelegatePollView(db: Db, actor: DelegateActor, pollId: string): Promise<TDelegatePollView> {
  const p = await db.poll.findUnique({
    where: { id: pollId },
    select: {
      id: true,
      sessionId: true,
      title: true,
      kind: true,
      seats: true,
      secret: true,
      changeable: true,
      status: true,
      candidates: { orderBy: { position: "asc" } },
      participations: { where: { delegateId: actor.id }, select: { kind: true } },
    },
  });
  // Per object: a delegate sees only polls of their own session, and never a draft.
  if (!p || p.sessionId !== actor.sessionId || p.status === "DRAFT") throw new AppError("NOT_FOUND");
  const checkedIn = (await db.checkIn.count({ where: { delegateId: actor.id } })) > 0;
  return {
    id: p.id,
    title: p.title,
    kind: p.kind,
    seats: p.seats,
    secret: p.secret,
    changeable: p.changeable,
    status: p.status,
    candidates: p.candidates.map(toPollCandidateView),
    voted: p.participations.length > 0,
    paper: p.participations[0]?.kind === "PAPER",
    checkedIn,
  };
}

/**
 * Tells a delegate's phone that what it shows may have changed (a poll opened, closed or
 * published, their check-in, a sign-off), and nothing else: the phone refetches what it
 * shows, through the same checks as any read. Once at the start, then at most once a
 * second however many changes come, since a whole hall refetches on each.
 *
 * The stream lives only as long as the sign-in it was opened with (`ref`, the cookie's
 * reference): before passing on each change it checks that sign-in again, and signing out,
 * disabling the account or reissuing its credentials sends an "account" event that wakes
 * it, so a stream opened with a cookie that has since ended — a copy's too — ends at once
 * rather than go on hearing of the session's changes for the cookie's 12 hours.
 */
export async function* delegateChanges(
  db: Db,
  actor: DelegateActor,
  ref: ActorRef | null,
  signal: AbortSignal | undefined,
): AsyncGenerator<"changed"> {
  const scrutineer = async () => (await db.scrutineer.count({ where: { sessionId: actor.sessionId, delegateId: actor.id } })) > 0;
  const me = { id: actor.id, scrutineer: await scrutineer() };
  let chosenAgain = false;
  const accept = (event: LiveEvent) => {
    if (event.kind === "scrutineers") chosenAgain = true;
    return reachesDelegate(event, me);
  };
  let first = true;
  for await (const _ of sessionChanges(actor.sessionId, signal, { intervalMs: 1_000, accept, resyncSpreadMs: 10_000 })) {
    // The first one follows the procedure's own check of this sign-in.
    if (!first && (await loadActor(db, ref))?.id !== actor.id) return;
    first = false;
    if (chosenAgain) {
      chosenAgain = false;
      me.scrutineer = await scrutineer();
    }
    yield "changed";
  }
}
