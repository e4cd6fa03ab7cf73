import { IDEMPOTENCY_KEY } from "~/lib/vote-choices";

/**
 * What the phone keeps for one submission — a ballot or a year-end rating — per poll (or
 * round) and per delegate (a shared phone keeps delegates apart). The idempotency key is
 * made once per submission and kept until the receipt code is seen, so every retry — after
 * a timeout, a lost answer or a reload — is the *same* submission: the server stores it
 * once and answers a repeat with the same receipt code.
 *
 *  draft    — being marked; choices saved as they are tapped so nothing is lost on a reload.
 *  sending  — confirmed; from now on key and choices are frozen. The server may already
 *             have stored it, so changing a choice under the same key would be refused
 *             (ALREADY_VOTED) and a new key would lose the receipt code: it is only resent.
 *  done     — the receipt code. The choices are dropped: the phone need not keep how its owner voted.
 *
 * `replaces` (changeable polls only): the receipt of the ballot a new draft will replace;
 * it is restored if the change is abandoned or refused.
 *
 * Pure functions only: the hook (use-durable-submission.ts) stores and sends what they return.
 */
export type Choices<C extends string> = Record<string, C>;
export interface Receipt {
  key: string;
  /** The receipt code, as the server answered it. */
  tracker: string;
}
export interface Draft<C extends string> {
  v: 1;
  stage: "draft";
  key: string;
  choices: Choices<C>;
  replaces?: Receipt;
}
export interface Sending<C extends string> {
  v: 1;
  stage: "sending";
  key: string;
  choices: Choices<C>;
  replaces?: Receipt;
}
export interface Done extends Receipt {
  v: 1;
  stage: "done";
}
export type Submission<C extends string> = Draft<C> | Sending<C> | Done;

/**
 * The stored form, checked on every read: anything unreadable or of another shape counts as
 * nothing saved. Written out rather than a zod schema: the voting page loads no schema library.
 */
export function readSubmission<C extends string>(raw: unknown, isChoice: (value: unknown) => value is C): Submission<C> | null {
  if (!isObject(raw) || raw.v !== 1 || typeof raw.key !== "string" || !IDEMPOTENCY_KEY.test(raw.key)) return null;
  const { stage, key } = raw;
  if (stage === "done") return isTracker(raw.tracker) ? { v: 1, stage, key, tracker: raw.tracker } : null;
  if (stage !== "draft" && stage !== "sending") return null;
  const { choices, replaces } = raw;
  if (!isObject(choices) || !Object.values(choices).every(isChoice)) return null;
  if (replaces === undefined) return { v: 1, stage, key, choices: { ...(choices as Choices<C>) } };
  if (!isObject(replaces) || typeof replaces.key !== "string" || !IDEMPOTENCY_KEY.test(replaces.key) || !isTracker(replaces.tracker))
    return null;
  return { v: 1, stage, key, choices: { ...(choices as Choices<C>) }, replaces: { key: replaces.key, tracker: replaces.tracker } };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const isTracker = (value: unknown): value is string => typeof value === "string" && value.length > 0;

/** A tap: the draft gets the choice; the first tap starts a draft under a fresh key. */
export function withChoice<C extends string>(record: Submission<C> | null, id: string, choice: C, freshKey: () => string): Draft<C> {
  if (record?.stage === "draft") return { ...record, choices: { ...record.choices, [id]: choice } };
  return { v: 1, stage: "draft", key: freshKey(), choices: { [id]: choice } };
}

/** Confirmed: frozen (and stored) before the first byte leaves the phone. */
export function frozen<C extends string>(draft: Draft<C>): Sending<C> {
  return { ...draft, stage: "sending" };
}

/** The server's answer, under the key it was sent with. */
export function receiptFor<C extends string>(sending: Sending<C>, tracker: string): Done {
  return { v: 1, stage: "done", key: sending.key, tracker };
}

/**
 * Refused for good (poll closed, voted elsewhere …). The server stored nothing under this
 * key — a retry of a stored submission is answered with its receipt code, even after the
 * close — so there is nothing left to resend; a change falls back to the ballot it would
 * have replaced, which still counts.
 */
export function afterFinalRefusal<C extends string>(sending: Sending<C>): Done | null {
  return sending.replaces ? { v: 1, stage: "done", ...sending.replaces } : null;
}

/** Refused, but the delegate can act on it (not checked in, the list changed …): back to marking, same key and choices. */
export function backToDraft<C extends string>(sending: Sending<C>): Draft<C> {
  return { v: 1, stage: "draft", key: sending.key, choices: sending.choices, replaces: sending.replaces };
}

/** Changeable polls: a new, empty ballot under a fresh key that replaces the one with this receipt. */
export function changeOf<C extends string>(done: Done, freshKey: () => string): Draft<C> {
  return { v: 1, stage: "draft", key: freshKey(), choices: {}, replaces: { key: done.key, tracker: done.tracker } };
}

/** A change given up before it was sent: the ballot it would have replaced is shown again. */
export function abandonedChange<C extends string>(draft: Draft<C>): Submission<C> {
  return draft.replaces ? { v: 1, stage: "done", ...draft.replaces } : draft;
}

/** 32 hex characters. randomUUID needs a secure context; hall Wi-Fi may serve the app over plain HTTP. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID().replaceAll("-", "");
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}
