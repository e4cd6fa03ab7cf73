"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { z } from "zod";
import type { Locale } from "~/lib/i18n/config";
import { CHOICE_VALUES, ZChoice, ZIdempotencyKey, type TChoice, type TDelegatePollView, type TPollCandidate } from "~/lib/schemas/vote";
import { useI18n } from "../i18n/i18n-provider";
import { isNetworkError, useAppErrorMessage } from "../trpc/use-app-error";
import { useTRPC, useTRPCClient } from "../trpc/trpc-provider";
import { appCodeOf, isRetryable, newIdempotencyKey, readSaved, REQUEST_TIMEOUT_MS, retryDelay, writeSaved } from "./resend";

type Choices = Record<string, TChoice>;

/**
 * What the phone keeps for one ballot, per poll and per delegate (a shared phone keeps
 * delegates apart). The idempotency key is made once per ballot and kept until the receipt
 * is seen, so every retry — after a timeout, a lost answer or a reload — is the *same*
 * submission: the server stores it once and answers a repeat with the same tracker.
 *
 *  draft    — being marked; choices saved as they are tapped so nothing is lost on a reload.
 *  sending  — confirmed; from now on key and choices are frozen. The server may already
 *             have stored this ballot, so changing a choice under the same key would be
 *             refused (ALREADY_VOTED) and a new key would lose the receipt: we only resend.
 *  done     — the receipt. The choices are dropped: the phone need not keep how its owner voted.
 *
 * `replaces` (changeable polls only): the receipt of the ballot a new draft will replace;
 * it is restored if the change is abandoned or refused.
 */
const ZReceipt = z.object({ key: ZIdempotencyKey, tracker: z.string().min(1) });
const ZSaved = z.discriminatedUnion("stage", [
  z.object({
    v: z.literal(1),
    stage: z.literal("draft"),
    key: ZIdempotencyKey,
    choices: z.record(z.string(), ZChoice),
    replaces: ZReceipt.optional(),
  }),
  z.object({
    v: z.literal(1),
    stage: z.literal("sending"),
    key: ZIdempotencyKey,
    choices: z.record(z.string(), ZChoice),
    replaces: ZReceipt.optional(),
  }),
  z.object({ v: z.literal(1), stage: z.literal("done"), key: ZIdempotencyKey, tracker: z.string().min(1) }),
]);
type Saved = z.infer<typeof ZSaved>;
type Sending = Extract<Saved, { stage: "sending" }>;

const storageKey = (pollId: string, delegateId: string) => `minsheng:ballot:v1:${pollId}:${delegateId}`;

function formatWan(amount: string, locale: Locale): string {
  const n = Number(amount);
  return Number.isFinite(n) ? new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(n) : amount;
}

function firstLine(text: string): string {
  return (
    text
      .split(/\r?\n/)
      .find((l) => l.trim() !== "")
      ?.trim() ?? ""
  );
}

const CHOICE_STYLE: Record<TChoice, string> = {
  FOR: "border-green-900 bg-green-800 text-white",
  AGAINST: "border-red-900 bg-red-800 text-white",
  ABSTAIN: "border-stone-800 bg-stone-700 text-white",
};

type Submit = { phase: "idle" } | { phase: "sending"; attempt: number } | { phase: "waiting"; attempt: number } | { phase: "signed-out" };

export function Ballot({ pollId, delegateId, initialPoll }: { pollId: string; delegateId: string; initialPoll?: TDelegatePollView }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useAppErrorMessage();
  const key = storageKey(pollId, delegateId);

  // localStorage exists only in the browser: nothing ballot-specific renders until it is read,
  // so a stored receipt never flashes an empty ballot first.
  const [loaded, setLoaded] = useState(false);
  const [saved, setSavedState] = useState<Saved | null>(null);
  const [screen, setScreen] = useState<"ballot" | "review">("ballot");
  const [submit, setSubmit] = useState<Submit>({ phase: "idle" });
  /** A refusal that ends this attempt to vote (poll closed, voted elsewhere …), shown instead of the ballot. */
  const [finalError, setFinalError] = useState<string | null>(null);
  /** A refusal the delegate can act on while staying on the ballot (shown above it). */
  const [notice, setNotice] = useState<string | null>(null);

  const inFlight = useRef(false);
  const timer = useRef<number | undefined>(undefined);
  const resumed = useRef(false);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const persist = useCallback(
    (next: Saved | null) => {
      setSavedState(next);
      writeSaved(key, next);
    },
    [key],
  );

  const done = saved?.stage === "done";
  const poll = useQuery(
    trpc.delegate.poll.queryOptions(
      { pollId },
      {
        initialData: initialPoll,
        // Notice the poll closing, or a desk check-in, while the delegate is on this page.
        refetchInterval: done || finalError ? false : 5_000,
      },
    ),
  );
  // The vanilla client rather than useMutation: this screen owns the retry loop and needs a
  // per-request timeout signal.
  const client = useTRPCClient();

  useEffect(() => {
    setSavedState(readSaved(key, ZSaved));
    setLoaded(true);
    // Another tab on the same phone finished (or changed) this ballot: follow it.
    const onStorage = (e: StorageEvent) => {
      if (e.key === key) setSavedState(readSaved(key, ZSaved));
    };
    window.addEventListener("storage", onStorage);
    return () => window.removeEventListener("storage", onStorage);
  }, [key]);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  const send = useCallback(
    async (record: Sending, attempt: number) => {
      // One request at a time: a double tap, the timer and the "retry" button all end up here.
      if (inFlight.current) return;
      inFlight.current = true;
      window.clearTimeout(timer.current);
      setSubmit({ phase: "sending", attempt });
      const abort = new AbortController();
      const timeout = window.setTimeout(() => abort.abort(), REQUEST_TIMEOUT_MS);
      try {
        const res = await client.delegate.cast.mutate(
          { pollId, choices: record.choices, idempotencyKey: record.key, replacesKey: record.replaces?.key },
          { signal: abort.signal },
        );
        persist({ v: 1, stage: "done", key: record.key, tracker: res.tracker });
        setSubmit({ phase: "idle" });
        setNotice(null);
        void queryClient.invalidateQueries({ queryKey: trpc.delegate.state.queryKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.delegate.poll.queryKey({ pollId }) });
        window.scrollTo(0, 0);
      } catch (error) {
        if (isRetryable(error)) {
          setSubmit({ phase: "waiting", attempt: attempt + 1 });
          timer.current = window.setTimeout(() => void send(record, attempt + 1), retryDelay(attempt));
          return;
        }
        const code = appCodeOf(error);
        if (code === "UNAUTHENTICATED") {
          // Keep "sending": after signing in again, this page resumes the same submission.
          setSubmit({ phase: "signed-out" });
          return;
        }
        setSubmit({ phase: "idle" });
        void queryClient.invalidateQueries({ queryKey: trpc.delegate.poll.queryKey({ pollId }) });
        if (code === "ALREADY_VOTED" || code === "POLL_CLOSED" || code === "POLL_NOT_OPEN" || code === "NOT_FOUND") {
          // The server stored nothing for this key (a retry of a stored ballot is answered
          // with its receipt, even after the close), so there is nothing left to resend.
          persist(record.replaces ? { v: 1, stage: "done", ...record.replaces } : null);
          setFinalError(errorText(error));
        } else {
          // Not checked in, an invalid ballot …: back to the ballot, choices kept, same key.
          persist({ v: 1, stage: "draft", key: record.key, choices: record.choices, replaces: record.replaces });
          setScreen("ballot");
          setNotice(errorText(error));
        }
        window.scrollTo(0, 0);
      } finally {
        window.clearTimeout(timeout);
        inFlight.current = false;
      }
    },
    [client, errorText, persist, pollId, queryClient, trpc],
  );

  // A reload (or a crash) in the middle of submitting: pick the same submission up again.
  useEffect(() => {
    if (!loaded || resumed.current) return;
    resumed.current = true;
    if (saved?.stage === "sending") void send(saved, 0);
  }, [loaded, saved, send]);

  // Back online: do not wait for the backoff timer.
  useEffect(() => {
    if (saved?.stage !== "sending" || submit.phase !== "waiting") return;
    const onOnline = () => void send(saved, submit.attempt);
    window.addEventListener("online", onOnline);
    return () => window.removeEventListener("online", onOnline);
  }, [saved, submit, send]);

  const goTo = (next: "ballot" | "review") => {
    setScreen(next);
    window.scrollTo(0, 0);
  };

  const mark = (pollCandidateId: string, choice: TChoice) => {
    setNotice(null);
    if (saved?.stage === "draft") persist({ ...saved, choices: { ...saved.choices, [pollCandidateId]: choice } });
    else persist({ v: 1, stage: "draft", key: newIdempotencyKey(), choices: { [pollCandidateId]: choice } });
  };

  const confirm = () => {
    if (saved?.stage !== "draft" || inFlight.current) return;
    // Frozen and on disk before the first byte leaves the phone.
    const record: Sending = { ...saved, stage: "sending" };
    persist(record);
    void send(record, 0);
  };

  // ─── what to show: one screen at a time, decided in this order ───

  const view = poll.data;
  const changing = saved?.stage === "draft" && !!saved.replaces;
  const current: ScreenId = !loaded
    ? "loading"
    : saved?.stage === "done"
      ? "receipt" // the receipt wins over everything, even a closed poll
      : finalError
        ? "final"
        : saved?.stage === "sending"
          ? "sending" // resend until answered, whatever the poll looks like meanwhile
          : !view
            ? poll.isError && !isNetworkError(poll.error)
              ? "load-error"
              : "loading"
            : !view.checkedIn && !changing
              ? "not-checked-in"
              : view.voted && !changing
                ? "voted"
                : view.status !== "OPEN"
                  ? "closed"
                  : screen === "review" && view.candidates.every((c) => saved?.stage === "draft" && saved.choices[c.id])
                    ? "review"
                    : "ballot";

  // Each screen is a new "page" for the delegate: move focus to its heading so a screen
  // reader announces it (not on every tap within a screen).
  useEffect(() => {
    if (current !== "loading") headingRef.current?.focus({ preventScroll: true });
  }, [current]);

  switch (current) {
    case "loading":
      return <Loading retrying={poll.isError || poll.failureCount > 0} onRetry={() => void poll.refetch()} />;
    case "receipt": {
      const receipt = saved as Extract<Saved, { stage: "done" }>;
      return (
        <Receipt
          headingRef={headingRef}
          pollId={pollId}
          tracker={receipt.tracker}
          notice={finalError}
          canChange={!!view?.changeable && view.status === "OPEN"}
          onChange={() => {
            setFinalError(null);
            persist({
              v: 1,
              stage: "draft",
              key: newIdempotencyKey(),
              choices: {},
              replaces: { key: receipt.key, tracker: receipt.tracker },
            });
            goTo("ballot");
          }}
        />
      );
    }
    case "final":
      return (
        <Message headingRef={headingRef} heading={t("vote.submit.failedHeading")} alert>
          {finalError}
        </Message>
      );
    case "sending": {
      const record = saved as Sending;
      return (
        <Submitting
          headingRef={headingRef}
          submit={submit}
          candidates={view?.candidates}
          choices={record.choices}
          onRetry={() => void send(record, submit.phase === "waiting" ? submit.attempt : 0)}
          pollId={pollId}
        />
      );
    }
    case "load-error":
      return (
        <Message headingRef={headingRef} heading={t("common.errorTitle")} alert>
          {errorText(poll.error)}
        </Message>
      );
    case "not-checked-in":
      return (
        <Message headingRef={headingRef} heading={t("vote.state.notCheckedInHeading")}>
          {t("vote.state.notCheckedInBody")}
        </Message>
      );
    case "voted":
      return (
        <Message headingRef={headingRef} heading={t(view!.paper ? "vote.state.paperHeading" : "vote.state.votedHeading")} tick>
          {t(view!.paper ? "vote.state.paperBody" : "vote.state.votedBody")}
        </Message>
      );
    case "closed":
      return view!.status === "VOID" ? (
        <Message headingRef={headingRef} heading={t("vote.state.voidHeading")}>
          {t("vote.state.voidBody")}
        </Message>
      ) : (
        <Message headingRef={headingRef} heading={t("vote.state.closedHeading")}>
          {t("vote.state.closedBody")}
        </Message>
      );
    case "review":
    case "ballot": {
      const choices = saved?.stage === "draft" ? saved.choices : {};
      const replaces = saved?.stage === "draft" ? saved.replaces : undefined;
      return current === "review" ? (
        <Review
          headingRef={headingRef}
          view={view!}
          choices={choices}
          onBack={() => goTo("ballot")}
          onConfirm={confirm}
          busy={submit.phase !== "idle"}
        />
      ) : (
        <BallotForm
          headingRef={headingRef}
          view={view!}
          choices={choices}
          notice={notice}
          onMark={mark}
          onReview={() => goTo("review")}
          onCancelChange={replaces ? () => persist({ v: 1, stage: "done", ...replaces }) : undefined}
        />
      );
    }
  }
}

type ScreenId = "loading" | "receipt" | "final" | "sending" | "load-error" | "not-checked-in" | "voted" | "closed" | "review" | "ballot";

// ─── screens ───

type HeadingRef = React.RefObject<HTMLHeadingElement | null>;

function Loading({ retrying, onRetry }: { retrying?: boolean; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div className="mx-auto max-w-xl">
      <div className="panel" role="status" aria-live="polite">
        <p className="text-lg">{retrying ? t("errors.NETWORK") : t("common.loading")}</p>
        {retrying && onRetry && (
          <button type="button" className="btn-secondary mt-3" onClick={onRetry}>
            {t("common.retry")}
          </button>
        )}
      </div>
    </div>
  );
}

function Message({
  headingRef,
  heading,
  alert,
  tick,
  children,
}: {
  headingRef: HeadingRef;
  heading: string;
  alert?: boolean;
  tick?: boolean;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-4">
      <section
        className={`panel flex flex-col gap-3 border-l-8 ${alert ? "border-red-700" : "border-stone-400"}`}
        role={alert ? "alert" : undefined}
      >
        <h1 ref={headingRef} tabIndex={-1} className="text-2xl font-bold leading-snug outline-none!">
          {tick && <span aria-hidden="true">✓ </span>}
          {heading}
        </h1>
        <p className="text-lg">{children}</p>
      </section>
      <Link href="/delegate" className="btn-primary min-h-14 w-full text-xl">
        {t("vote.state.home")}
      </Link>
    </div>
  );
}

function BallotForm({
  headingRef,
  view,
  choices,
  notice,
  onMark,
  onReview,
  onCancelChange,
}: {
  headingRef: HeadingRef;
  view: TDelegatePollView;
  choices: Choices;
  notice: string | null;
  onMark: (pollCandidateId: string, choice: TChoice) => void;
  onReview: () => void;
  onCancelChange?: () => void;
}) {
  const { t } = useI18n();
  const total = view.candidates.length;
  const marked = view.candidates.filter((c) => choices[c.id]).length;
  const forCount = view.candidates.filter((c) => choices[c.id] === "FOR").length;
  const competitive = view.kind === "COMPETITIVE";
  const forFull = competitive && forCount >= view.seats;
  const complete = marked === total;
  const firstUnmarked = view.candidates.find((c) => !choices[c.id]);

  return (
    <div className="mx-auto flex max-w-xl flex-col gap-4">
      <header className="flex flex-col gap-2">
        <h1 ref={headingRef} tabIndex={-1} className="text-2xl font-bold leading-snug outline-none!">
          {view.title}
        </h1>
        <p className="text-base font-semibold text-muted">
          {competitive ? t("vote.pollKind.COMPETITIVE", { candidates: total, seats: view.seats }) : t("vote.pollKind.EQUAL")}
        </p>
        <p className="text-lg">
          {competitive
            ? t("vote.ballot.instructionsCompetitive", { candidates: total, seats: view.seats })
            : t("vote.ballot.instructionsEqual")}
        </p>
        <p className="text-base text-muted">{t("vote.ballot.savedOnPhone")}</p>
      </header>

      {onCancelChange && (
        <div className="panel flex flex-col gap-3 border-2 border-amber-500">
          <p className="text-lg font-semibold">{t("vote.ballot.changing")}</p>
          <button type="button" className="btn-secondary" onClick={onCancelChange}>
            {t("vote.ballot.cancelChange")}
          </button>
        </div>
      )}

      <div aria-live="assertive">
        {notice && (
          <p role="alert" className="panel border-2 border-red-700 text-lg font-semibold text-red-800">
            {notice}
          </p>
        )}
      </div>

      <ol className="flex flex-col gap-4">
        {view.candidates.map((c, i) => (
          <CandidateCard
            key={c.id}
            c={c}
            n={i + 1}
            choice={choices[c.id]}
            forDisabled={forFull && choices[c.id] !== "FOR"}
            seats={view.seats}
            onMark={onMark}
          />
        ))}
      </ol>

      {/* Sticky: progress and the next step are always in reach of the thumb. */}
      <div className="sticky bottom-0 z-10 -mx-4 flex flex-col gap-2 border-t-2 border-stone-300 bg-white px-4 pt-3 pb-[max(0.75rem,env(safe-area-inset-bottom))] shadow-[0_-4px_12px_rgba(0,0,0,0.08)]">
        <div aria-live="polite" className="flex flex-wrap items-baseline justify-between gap-x-4 text-lg">
          <span className="font-bold">{t("vote.ballot.progress", { done: marked, total })}</span>
          {competitive && <span className="font-bold">{t("vote.ballot.forLeft", { count: Math.max(0, view.seats - forCount) })}</span>}
        </div>
        {forFull && !complete && (
          <p id={`for-full-${view.id}`} className="text-base text-amber-900">
            {t("vote.ballot.forFull", { seats: view.seats })}
          </p>
        )}
        <p className="text-base text-muted">
          {complete ? t("vote.ballot.allMarked") : t("vote.ballot.remaining", { count: total - marked })}
          {!complete && firstUnmarked && (
            <>
              {" "}
              <a href={`#cand-${firstUnmarked.id}`} className="font-semibold text-blue-800 underline underline-offset-4">
                {t("vote.ballot.jumpTo", { n: view.candidates.indexOf(firstUnmarked) + 1 })}
              </a>
            </>
          )}
        </p>
        <button type="button" className="btn-primary min-h-14 w-full text-xl" disabled={!complete} onClick={onReview}>
          {t("vote.ballot.review")}
        </button>
      </div>
    </div>
  );
}

function CandidateCard({
  c,
  n,
  choice,
  forDisabled,
  seats,
  onMark,
}: {
  c: TPollCandidate;
  n: number;
  choice: TChoice | undefined;
  forDisabled: boolean;
  seats: number;
  onMark: (pollCandidateId: string, choice: TChoice) => void;
}) {
  const { t, locale } = useI18n();
  const titleId = `cand-title-${c.id}`;
  return (
    <li id={`cand-${c.id}`} className={`panel flex scroll-mt-4 flex-col gap-3 ${choice ? "" : "border-2 border-amber-400"}`}>
      <div className="flex flex-col gap-1">
        <p className="flex items-center justify-between gap-2 text-base text-muted">
          <span>{t("vote.ballot.candidateNumber", { n })}</span>
          {!choice && <span className="rounded-md bg-amber-100 px-2 font-semibold text-amber-900">{t("vote.ballot.unmarked")}</span>}
        </p>
        <h2 id={titleId} className="text-xl font-bold leading-snug">
          {c.title}
        </h2>
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-base">
        <dt className="text-muted">{t("common.unit")}</dt>
        <dd>{c.unitName}</dd>
        <dt className="text-muted">{t("common.budget")}</dt>
        <dd>{t("common.wan", { amount: formatWan(c.budgetWan, locale) })}</dd>
      </dl>
      {c.targets && (
        <p className="line-clamp-2 text-base">
          <span className="text-muted">{t("vote.ballot.targetsLabel")}</span>
          {firstLine(c.targets)}
        </p>
      )}
      <details className="group rounded-lg border border-stone-300">
        <summary className="flex min-h-11 cursor-pointer items-center px-3 text-base font-semibold text-blue-800">
          {t("vote.ballot.details")}
        </summary>
        <div className="flex flex-col gap-2 border-t border-stone-200 px-3 py-2 text-base">
          <p className="font-semibold">{t("common.targets")}</p>
          <p className="whitespace-pre-line">{c.targets}</p>
        </div>
      </details>

      {/* Real radio inputs: one choice per project, arrow keys move within it, and the screen
          reader says "赞成, radio, 1 of 3, checked". The label shows ✓ and the word, never colour alone. */}
      <fieldset aria-labelledby={titleId} aria-describedby={forDisabled ? `for-full-hint-${c.id}` : undefined}>
        <div className="grid grid-cols-3 gap-2">
          {CHOICE_VALUES.map((value) => {
            const checked = choice === value;
            const disabled = value === "FOR" && forDisabled;
            return (
              <label
                key={value}
                className={`flex min-h-14 cursor-pointer select-none items-center justify-center gap-1 rounded-lg border-2 px-1 text-lg font-bold has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-blue-700 ${
                  checked
                    ? CHOICE_STYLE[value]
                    : disabled
                      ? "cursor-not-allowed border-dashed border-stone-400 bg-stone-100 text-stone-600"
                      : "border-stone-400 bg-white text-ink active:bg-stone-100"
                }`}
              >
                <input
                  type="radio"
                  className="sr-only"
                  name={`choice-${c.id}`}
                  value={value}
                  checked={checked}
                  disabled={disabled}
                  onChange={() => onMark(c.id, value)}
                />
                {checked && <span aria-hidden="true">✓</span>}
                <span className="flex flex-col items-center leading-tight">
                  {t(`vote.choice.${value}`)}
                  {disabled && <span className="text-sm font-semibold">{t("vote.ballot.forFullShort")}</span>}
                </span>
              </label>
            );
          })}
        </div>
        {forDisabled && (
          <p id={`for-full-hint-${c.id}`} className="sr-only">
            {t("vote.ballot.forFull", { seats })}
          </p>
        )}
      </fieldset>
    </li>
  );
}

function ChoiceList({ candidates, choices }: { candidates: TPollCandidate[]; choices: Choices }) {
  const { t } = useI18n();
  return (
    <ol className="flex flex-col divide-y divide-stone-200">
      {candidates.map((c, i) => {
        const choice = choices[c.id];
        return (
          <li key={c.id} className="flex items-center justify-between gap-3 py-3">
            <span className="text-lg leading-snug">
              <span className="text-base text-muted">{t("vote.ballot.candidateNumber", { n: i + 1 })} </span>
              {c.title}
            </span>
            {choice && (
              <span className={`shrink-0 rounded-lg border-2 px-3 py-1 text-lg font-bold ${CHOICE_STYLE[choice]}`}>
                <span aria-hidden="true">✓ </span>
                {t(`vote.choice.${choice}`)}
              </span>
            )}
          </li>
        );
      })}
    </ol>
  );
}

function Review({
  headingRef,
  view,
  choices,
  onBack,
  onConfirm,
  busy,
}: {
  headingRef: HeadingRef;
  view: TDelegatePollView;
  choices: Choices;
  onBack: () => void;
  onConfirm: () => void;
  busy: boolean;
}) {
  const { t } = useI18n();
  const count = (value: TChoice) => view.candidates.filter((c) => choices[c.id] === value).length;
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-4">
      <header className="flex flex-col gap-2">
        <h1 ref={headingRef} tabIndex={-1} className="text-2xl font-bold leading-snug outline-none!">
          {t("vote.review.heading")}
        </h1>
        <p className="text-base font-semibold text-muted">{view.title}</p>
        <p className="text-lg">{t("vote.review.hint")}</p>
      </header>
      <section className="panel">
        <p className="text-lg font-bold">
          {t("vote.review.summary", { for: count("FOR"), against: count("AGAINST"), abstain: count("ABSTAIN") })}
        </p>
        <ChoiceList candidates={view.candidates} choices={choices} />
      </section>
      <p className="text-lg font-semibold">{view.changeable ? t("vote.review.changeable") : t("vote.review.final")}</p>
      <div className="sticky bottom-0 z-10 -mx-4 grid grid-cols-2 gap-3 border-t-2 border-stone-300 bg-white px-4 pt-3 pb-[max(0.75rem,env(safe-area-inset-bottom))] shadow-[0_-4px_12px_rgba(0,0,0,0.08)]">
        <button type="button" className="btn-secondary min-h-14 text-lg" onClick={onBack} disabled={busy}>
          {t("vote.review.back")}
        </button>
        <button type="button" className="btn-primary min-h-14 text-lg" onClick={onConfirm} disabled={busy}>
          {t("vote.review.confirm")}
        </button>
      </div>
    </div>
  );
}

function Submitting({
  headingRef,
  submit,
  candidates,
  choices,
  onRetry,
  pollId,
}: {
  headingRef: HeadingRef;
  submit: Submit;
  candidates: TPollCandidate[] | undefined;
  choices: Choices;
  onRetry: () => void;
  pollId: string;
}) {
  const { t } = useI18n();
  const retrying = submit.phase === "waiting" || (submit.phase === "sending" && submit.attempt > 0);
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-4">
      <h1 ref={headingRef} tabIndex={-1} className="text-2xl font-bold leading-snug outline-none!">
        {t("vote.submit.heading")}
      </h1>
      <div
        role="status"
        aria-live="polite"
        className={`panel flex flex-col gap-2 border-l-8 ${retrying ? "border-amber-500" : "border-stone-400"}`}
      >
        {submit.phase === "signed-out" ? (
          <p className="text-lg font-bold">{t("errors.UNAUTHENTICATED")}</p>
        ) : (
          <p className="text-xl font-bold">
            {retrying && "attempt" in submit ? t("vote.submit.retrying", { n: submit.attempt }) : t("vote.submit.sending")}
          </p>
        )}
        {(retrying || submit.phase === "signed-out") && <p className="text-lg">{t("vote.submit.retryingHint")}</p>}
      </div>
      {submit.phase === "signed-out" ? (
        <Link
          href={`/sign-in?callbackUrl=${encodeURIComponent(`/delegate/polls/${pollId}`)}`}
          className="btn-primary min-h-14 w-full text-xl"
        >
          {t("vote.submit.signInAgain")}
        </Link>
      ) : (
        retrying && (
          <button type="button" className="btn-primary min-h-14 w-full text-xl" onClick={onRetry} disabled={submit.phase === "sending"}>
            {submit.phase === "sending" ? t("vote.submit.sending") : t("vote.submit.retry")}
          </button>
        )
      )}
      {candidates && (
        <section className="panel" aria-labelledby="kept-heading">
          <h2 id="kept-heading" className="text-lg font-bold">
            {t("vote.submit.keptHeading")}
          </h2>
          <ChoiceList candidates={candidates} choices={choices} />
        </section>
      )}
    </div>
  );
}

function Receipt({
  headingRef,
  pollId,
  tracker,
  notice,
  canChange,
  onChange,
}: {
  headingRef: HeadingRef;
  pollId: string;
  tracker: string;
  notice: string | null;
  canChange: boolean;
  onChange: () => void;
}) {
  const { t } = useI18n();
  const resultPath = `/results/${pollId}`;
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-4">
      {notice && (
        <p role="alert" className="panel border-2 border-red-700 text-lg font-semibold text-red-800">
          {notice}
        </p>
      )}
      <section className="panel flex flex-col gap-4 border-l-8 border-green-700" aria-labelledby="receipt-heading">
        <h1 id="receipt-heading" ref={headingRef} tabIndex={-1} className="text-3xl font-bold text-green-800 outline-none!">
          <span aria-hidden="true">✓ </span>
          {t("vote.receipt.heading")}
        </h1>
        <div className="flex flex-col gap-2">
          <p className="text-lg font-semibold">{t("vote.receipt.trackerLabel")}</p>
          {/* Never broken across lines: sized to fit 12 monospace characters on a 360 px screen. */}
          <p className="rounded-lg border-2 border-ink bg-stone-50 px-1 py-4 text-center font-mono text-[clamp(1.6rem,8.5vw,2.75rem)] leading-tight font-bold whitespace-nowrap select-all">
            {tracker}
          </p>
        </div>
        <p className="text-xl font-bold">{t("vote.receipt.keepHint")}</p>
        <p className="text-lg">{t("vote.receipt.howToKeep")}</p>
        <p className="text-base">
          {t("vote.receipt.publicCheck")}{" "}
          <Link href={resultPath} className="font-semibold break-all text-blue-800 underline underline-offset-4">
            {resultPath}
          </Link>
        </p>
      </section>
      {canChange && (
        <section className="panel flex flex-col gap-3">
          <p className="text-base">{t("vote.receipt.changeHint")}</p>
          <button type="button" className="btn-secondary" onClick={onChange}>
            {t("vote.receipt.change")}
          </button>
        </section>
      )}
      <Link href="/delegate" className="btn-primary min-h-14 w-full text-xl">
        {t("vote.receipt.home")}
      </Link>
    </div>
  );
}
