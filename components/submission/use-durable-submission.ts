"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import {
  abandonedChange,
  afterFinalRefusal,
  backToDraft,
  changeOf,
  frozen,
  newIdempotencyKey,
  receiptFor,
  withChoice,
  type Sending,
  type Submission,
} from "./submission-record";
import type { FailureCode, SendResult, SendSubmission } from "./transport";

/**
 * A submission that survives a hall's congested Wi-Fi: kept on the phone under one
 * idempotency key until its receipt code is seen (submission-record.ts), sent one request
 * at a time, resent under the same key — so stored once — after a timeout, a lost answer,
 * a reload, a crash or a new sign-in, and at once when the phone comes back online.
 * Shared by the ballot and the year-end rating; the network is behind `send` (transport.ts).
 */

export type Phase =
  | { phase: "idle" }
  | { phase: "sending"; attempt: number }
  | { phase: "waiting"; attempt: number }
  /** The session ended: the submission stays "sending" and resumes after signing in again. */
  | { phase: "signed-out" };

/**
 * On a saturated hall network a request can hang for minutes. Past this, give up on it and
 * resend (same key, so a request that did arrive late is answered with the same receipt code).
 */
export const REQUEST_TIMEOUT_MS = 20_000;

/** Full jitter, capped: when the hall's Wi-Fi drops, a few hundred phones must not retry in step. */
export function retryDelay(attempt: number): number {
  const ceiling = Math.min(1_000 * 2 ** attempt, 15_000);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

function readSaved<T>(key: string, read: (raw: unknown) => T | null): T | null {
  try {
    return read(JSON.parse(window.localStorage.getItem(key) ?? "null"));
  } catch {
    return null;
  }
}

/** Best effort: private browsing or a full quota must not stop a delegate from voting; the submission then lives in memory only. */
function writeSaved(key: string, value: unknown) {
  try {
    if (value) window.localStorage.setItem(key, JSON.stringify(value));
    else window.localStorage.removeItem(key);
  } catch {
    /* see above */
  }
}

export interface DurableSubmission<C extends string> {
  /** The phone's storage has been read. Until then nothing submission-specific renders, so a stored receipt never flashes an empty form first. */
  loaded: boolean;
  record: Submission<C> | null;
  phase: Phase;
  /** A refusal that ended this attempt (poll closed, voted elsewhere …); shown instead of the form. */
  refusal: FailureCode | null;
  /** A refusal the delegate can act on: back on the form, choices kept, shown above it. */
  notice: FailureCode | null;
  mark(id: string, choice: C): void;
  confirm(): void;
  retryNow(): void;
  /** Changeable polls: start a new ballot that replaces the one whose receipt is shown. */
  startChange(): void;
  cancelChange(): void;
}

export function useDurableSubmission<C extends string>({
  storageKey,
  read,
  send,
  isFinal,
  onBackToDraft,
}: {
  /** One per poll (or round) and delegate. */
  storageKey: string;
  /** Stable (module-level): the stored form, checked on every read; null for anything else. */
  read: (raw: unknown) => Submission<C> | null;
  send: SendSubmission<C>;
  /** Which refusals end the attempt; the others send the delegate back to the form. */
  isFinal: (code: FailureCode) => boolean;
  onBackToDraft?: () => void;
}): DurableSubmission<C> {
  const [loaded, setLoaded] = useState(false);
  const [record, setRecord] = useState<Submission<C> | null>(null);
  const [phase, setPhase] = useState<Phase>({ phase: "idle" });
  const [refusal, setRefusal] = useState<FailureCode | null>(null);
  const [notice, setNotice] = useState<FailureCode | null>(null);

  const inFlight = useRef(false);
  const timer = useRef<number | undefined>(undefined);
  const resumed = useRef(false);
  // The backoff timer calls the latest `attempt` again (a callback cannot name itself before it exists).
  const again = useRef<(sending: Sending<C>, n: number) => Promise<void>>(async () => {});

  const persist = useCallback(
    (next: Submission<C> | null) => {
      setRecord(next);
      writeSaved(storageKey, next);
    },
    [storageKey],
  );

  useEffect(() => {
    // The saved submission lives in the phone's storage, which the server render cannot read:
    // it is taken once the page runs in the browser (`loaded` tells the screens to wait for it).
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setRecord(readSaved(storageKey, read));
    setLoaded(true);
    // Another tab on the same phone finished (or changed) this submission: follow it.
    const onStorage = (e: StorageEvent) => {
      if (e.key === storageKey) setRecord(readSaved(storageKey, read));
    };
    window.addEventListener("storage", onStorage);
    return () => window.removeEventListener("storage", onStorage);
  }, [storageKey, read]);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  const attempt = useCallback(
    async (sending: Sending<C>, n: number) => {
      // One request at a time: a double tap, the timer, "online" and the retry button all end up here.
      if (inFlight.current) return;
      inFlight.current = true;
      window.clearTimeout(timer.current);
      setPhase({ phase: "sending", attempt: n });
      const abort = new AbortController();
      const timeout = window.setTimeout(() => abort.abort(), REQUEST_TIMEOUT_MS);
      let result: SendResult;
      try {
        result = await send(sending, abort.signal);
      } catch {
        // A transport must answer, not throw; if one does, say so rather than resend blindly.
        result = { ok: false, failure: { retry: false, code: "INTERNAL" } };
      } finally {
        window.clearTimeout(timeout);
        inFlight.current = false;
      }

      if (result.ok) {
        persist(receiptFor(sending, result.tracker));
        setPhase({ phase: "idle" });
        setNotice(null);
        window.scrollTo(0, 0);
        return;
      }
      const { failure } = result;
      if (failure.retry) {
        setPhase({ phase: "waiting", attempt: n + 1 });
        timer.current = window.setTimeout(() => void again.current(sending, n + 1), retryDelay(n));
        return;
      }
      if (failure.code === "UNAUTHENTICATED") {
        setPhase({ phase: "signed-out" });
        return;
      }
      setPhase({ phase: "idle" });
      if (isFinal(failure.code)) {
        persist(afterFinalRefusal(sending));
        setRefusal(failure.code);
      } else {
        persist(backToDraft(sending));
        setNotice(failure.code);
        onBackToDraft?.();
      }
      window.scrollTo(0, 0);
    },
    [send, persist, isFinal, onBackToDraft],
  );
  useEffect(() => {
    again.current = attempt;
  }, [attempt]);

  // A reload (or a crash, or signing in again) in the middle of submitting: pick the same submission up again.
  useEffect(() => {
    if (!loaded || resumed.current) return;
    resumed.current = true;
    // Resuming is a request to the server; its first step shows "sending" at once, which is the point.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (record?.stage === "sending") void attempt(record, 0);
  }, [loaded, record, attempt]);

  // Back online: do not wait for the backoff timer.
  useEffect(() => {
    if (record?.stage !== "sending" || phase.phase !== "waiting") return;
    const n = phase.attempt;
    const onOnline = () => void attempt(record, n);
    window.addEventListener("online", onOnline);
    return () => window.removeEventListener("online", onOnline);
  }, [record, phase, attempt]);

  return {
    loaded,
    record,
    phase,
    refusal,
    notice,
    mark: (id, choice) => {
      setNotice(null);
      persist(withChoice(record, id, choice, newIdempotencyKey));
    },
    confirm: () => {
      if (record?.stage !== "draft" || inFlight.current) return;
      const sending = frozen(record);
      persist(sending);
      void attempt(sending, 0);
    },
    retryNow: () => {
      if (record?.stage === "sending") void attempt(record, phase.phase === "waiting" ? phase.attempt : 0);
    },
    startChange: () => {
      if (record?.stage !== "done") return;
      setRefusal(null);
      persist(changeOf(record, newIdempotencyKey));
    },
    cancelChange: () => {
      if (record?.stage === "draft") persist(abandonedChange(record));
    },
  };
}
