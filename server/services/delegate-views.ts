import "server-only";
import { accountHolds, type DelegateActor } from "../auth/actor";
import type { Db } from "../db-client";
import { reachesDelegate, type LiveEvent } from "../domain/live-events";
import { DELEGATE_SEES, POLLS_LISTED_FOR_DELEGATES } from "../domain/poll-lifecycle";
import { AppError } from "../errors";
import type { TDelegatePollView, TDelegateSessionState } from "~/lib/schemas/vote";
import { toPollCandidateView } from "./poll-view";
import { sessionChanges } from "./realtime";

// What a delegate's phone reads; the phone's one write, the ballot, is cast-ballot.ts.

/** What the delegate's phone shows: check-in state and the polls of their own session. */
export async function getDelegateSessionState(db: Db, actor: DelegateActor): Promise<TDelegateSessionState> {
  const [state] = await sessionStatesOf(db, actor.sessionId, [actor.id]);
  return state!;
}

/**
 * The session states of any number of delegates of one session in the same five queries:
 * what the live streams of a whole hall send when a poll opens costs what one phone's read
 * does, and reaches every phone without a round of requests.
 */
async function sessionStatesOf(db: Db, sessionId: string, delegateIds: readonly string[]): Promise<TDelegateSessionState[]> {
  const [session, checkIns, scrutineers, polls, participations] = await Promise.all([
    db.congressSession.findUniqueOrThrow({ where: { id: sessionId }, select: { checkInOpen: true } }),
    db.checkIn.findMany({ where: { delegateId: { in: [...delegateIds] } }, select: { delegateId: true, checkedInAt: true } }),
    db.scrutineer.findMany({ where: { sessionId, delegateId: { in: [...delegateIds] } }, select: { delegateId: true } }),
    db.poll.findMany({
      where: { sessionId, status: { in: POLLS_LISTED_FOR_DELEGATES } },
      orderBy: { createdAt: "desc" },
      select: { id: true, title: true, kind: true, seats: true, status: true, runoffOfId: true, secret: true },
    }),
    db.participation.findMany({
      where: { delegateId: { in: [...delegateIds] }, poll: { sessionId, status: { in: POLLS_LISTED_FOR_DELEGATES } } },
      select: { pollId: true, delegateId: true, kind: true },
    }),
  ]);
  const checkedInAt = new Map(checkIns.map((c) => [c.delegateId, c.checkedInAt]));
  const isScrutineer = new Set(scrutineers.map((s) => s.delegateId));
  const took = new Map(participations.map((p) => [`${p.pollId} ${p.delegateId}`, p.kind]));
  return delegateIds.map((id) => ({
    sessionId,
    checkInOpen: session.checkInOpen,
    checkedInAt: checkedInAt.get(id) ?? null,
    isScrutineer: isScrutineer.has(id),
    polls: polls.map((p) => {
      const kind = took.get(`${p.id} ${id}`);
      return { ...p, voted: kind !== undefined, paper: kind === "PAPER" };
    }),
  }));
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
  if (!p || p.sessionId !== actor.sessionId || DELEGATE_SEES[p.status] === "nothing") throw new AppError("NOT_FOUND");
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

type StreamRef = DelegateActor & { jti?: string };

/**
 * A delegate's live stream: their session state now, and again whenever what their pages
 * show may have changed (a poll opened, closed or published, their check-in, a sign-off)
 * — at most once a second however many changes come. The state is what `delegate.state`
 * answers, so the home page needs no request; other pages take each message as "changed"
 * and refetch through the same checks as any read. The sign-in is checked again with each
 * message, and signing out, disabling the account or reissuing its credentials sends an
 * "account" event that wakes the stream: a sign-in that has ended — a copied cookie's too —
 * gets nothing more, and its stream ends at once on every app server (UNAUTHENTICATED).
 */
export async function* delegateChanges(db: Db, actor: StreamRef, signal: AbortSignal | undefined): AsyncGenerator<TDelegateSessionState> {
  const me = { id: actor.id, scrutineer: false };
  const accept = (event: LiveEvent) => reachesDelegate(event, me);
  for await (const _ of sessionChanges(actor.sessionId, signal, { intervalMs: 1_000, accept, resyncSpreadMs: 10_000 })) {
    const state = await streamedState(db, actor);
    if (!state) throw new AppError("UNAUTHENTICATED");
    me.scrutineer = state.isScrutineer;
    yield state;
  }
}

// Streams of one session due a state, read together when this turn of the event loop ends:
// a change wakes every stream of the session in the same turn, so a hall's 280 states cost
// one batch of queries. Each batch starts after every stream in it was woken: none is stale.
const due = new Map<string, { refs: StreamRef[]; states: Promise<(TDelegateSessionState | null)[]> }>();

function streamedState(db: Db, ref: StreamRef): Promise<TDelegateSessionState | null> {
  let batch = due.get(ref.sessionId);
  if (!batch) {
    const refs: StreamRef[] = [];
    const states = new Promise((resolve) => setImmediate(resolve)).then(() => {
      due.delete(ref.sessionId);
      return streamedStatesOf(db, ref.sessionId, refs);
    });
    batch = { refs, states };
    due.set(ref.sessionId, batch);
  }
  const i = batch.refs.push(ref) - 1;
  return batch.states.then((states) => states[i]!);
}

async function streamedStatesOf(db: Db, sessionId: string, refs: readonly StreamRef[]): Promise<(TDelegateSessionState | null)[]> {
  const ids = refs.map((r) => r.id);
  const jtis = refs.flatMap((r) => (r.jti ? [r.jti] : []));
  const [states, accounts, ended] = await Promise.all([
    sessionStatesOf(db, sessionId, ids),
    db.delegate.findMany({ where: { id: { in: ids }, sessionId }, select: { id: true, active: true, authVersion: true } }),
    jtis.length ? db.endedSession.findMany({ where: { jti: { in: jtis } }, select: { jti: true } }) : [],
  ]);
  const account = new Map(accounts.map((a) => [a.id, a]));
  const signedOut = new Set(ended.map((e) => e.jti));
  return refs.map((ref, i) => {
    const a = account.get(ref.id);
    return a && accountHolds(a, ref, !!ref.jti && signedOut.has(ref.jti)) ? states[i]! : null;
  });
}
