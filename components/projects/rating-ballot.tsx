"use client";

import Link from "next/link";
import { useCallback, useEffect, useRef, useState } from "react";
import { z } from "zod";
import { GRADES, ZGrade } from "~/lib/schemas/projects";
import { useI18n } from "../i18n/i18n-provider";
import { appCodeOf, isRetryable, newIdempotencyKey, readSaved, REQUEST_TIMEOUT_MS, retryDelay, writeSaved } from "../delegate/resend";
import { useAppErrorMessage } from "../trpc/use-app-error";
import { useTRPCClient } from "../trpc/trpc-provider";

type Grade = (typeof GRADES)[number];
type Grades = Record<string, Grade>;

/**
 * What the phone keeps for one rating, per round and delegate — the same life as a ballot
 * (components/delegate/ballot.tsx): the idempotency key is made once and kept until the
 * receipt is seen, so every resend after a timeout, a lost answer or a reload is the *same*
 * submission and the server stores it once.
 *   draft   — being marked, saved at every tap;
 *   sending — confirmed: key and grades frozen, only resent;
 *   done    — the receipt; the grades are dropped (the rating is secret).
 */
const ZSaved = z.discriminatedUnion("stage", [
  z.object({ v: z.literal(1), stage: z.literal("draft"), key: z.string().min(16), grades: z.record(z.string(), ZGrade) }),
  z.object({ v: z.literal(1), stage: z.literal("sending"), key: z.string().min(16), grades: z.record(z.string(), ZGrade) }),
  z.object({ v: z.literal(1), stage: z.literal("done"), key: z.string().min(16), receipt: z.string().min(1) }),
]);
type Saved = z.infer<typeof ZSaved>;
type Sending = Extract<Saved, { stage: "sending" }>;

const storageKey = (roundId: string, delegateId: string) => `minsheng:rating:v1:${roundId}:${delegateId}`;

const GRADE_STYLE: Record<Grade, string> = {
  SATISFIED: "border-green-900 bg-green-800 text-white",
  BASIC: "border-blue-900 bg-blue-800 text-white",
  UNSATISFIED: "border-stone-800 bg-stone-700 text-white",
};

export interface RatingProject {
  id: string;
  title: string;
  unitName: string;
}

type Phase = { phase: "idle" } | { phase: "sending"; attempt: number } | { phase: "waiting"; attempt: number } | { phase: "signed-out" };

export function RatingBallot({
  roundId,
  roundTitle,
  delegateId,
  projects,
}: {
  roundId: string;
  roundTitle: string;
  delegateId: string;
  projects: RatingProject[];
}) {
  const { t } = useI18n();
  const client = useTRPCClient();
  const errorText = useAppErrorMessage();
  const key = storageKey(roundId, delegateId);
  const [loaded, setLoaded] = useState(false);
  const [saved, setSavedState] = useState<Saved | null>(null);
  const [screen, setScreen] = useState<"rate" | "review">("rate");
  const [submit, setSubmit] = useState<Phase>({ phase: "idle" });
  const [finalError, setFinalError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const inFlight = useRef(false);
  const timer = useRef<number | undefined>(undefined);
  const resumed = useRef(false);
  const heading = useRef<HTMLHeadingElement>(null);

  const persist = useCallback(
    (next: Saved | null) => {
      setSavedState(next);
      writeSaved(key, next);
    },
    [key],
  );

  useEffect(() => {
    setSavedState(readSaved(key, ZSaved));
    setLoaded(true);
  }, [key]);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const send = useCallback(
    async (record: Sending, attempt: number) => {
      if (inFlight.current) return;
      inFlight.current = true;
      window.clearTimeout(timer.current);
      setSubmit({ phase: "sending", attempt });
      const abort = new AbortController();
      const timeout = window.setTimeout(() => abort.abort(), REQUEST_TIMEOUT_MS);
      try {
        const res = await client.projects.rate.mutate(
          { roundId, grades: record.grades, idempotencyKey: record.key },
          { signal: abort.signal },
        );
        persist({ v: 1, stage: "done", key: record.key, receipt: res.receipt });
        setSubmit({ phase: "idle" });
        window.scrollTo(0, 0);
      } catch (error) {
        if (isRetryable(error)) {
          setSubmit({ phase: "waiting", attempt: attempt + 1 });
          timer.current = window.setTimeout(() => void send(record, attempt + 1), retryDelay(attempt));
          return;
        }
        const code = appCodeOf(error);
        if (code === "UNAUTHENTICATED") {
          setSubmit({ phase: "signed-out" }); // stays "sending": resumed after signing in again
          return;
        }
        setSubmit({ phase: "idle" });
        if (code === "BALLOT_INVALID") {
          // The list of approved projects changed under us: back to marking, same key.
          persist({ v: 1, stage: "draft", key: record.key, grades: record.grades });
          setScreen("rate");
          setNotice(t("projects.rating.listChanged"));
        } else {
          // Already rated, round closed …: the server stored nothing for this key.
          persist(null);
          setFinalError(code === "ALREADY_VOTED" ? t("projects.rating.alreadyRated") : errorText(error));
        }
        window.scrollTo(0, 0);
      } finally {
        window.clearTimeout(timeout);
        inFlight.current = false;
      }
    },
    [client, errorText, persist, roundId, t],
  );

  useEffect(() => {
    if (!loaded || resumed.current) return;
    resumed.current = true;
    if (saved?.stage === "sending") void send(saved, 0);
  }, [loaded, saved, send]);

  useEffect(() => {
    if (saved?.stage !== "sending" || submit.phase !== "waiting") return;
    const onOnline = () => void send(saved, submit.attempt);
    window.addEventListener("online", onOnline);
    return () => window.removeEventListener("online", onOnline);
  }, [saved, submit, send]);

  const grades: Grades = saved && saved.stage !== "done" ? saved.grades : {};
  const current = !loaded
    ? "loading"
    : saved?.stage === "done"
      ? "receipt"
      : finalError
        ? "final"
        : saved?.stage === "sending"
          ? "sending"
          : screen;
  useEffect(() => {
    if (current !== "loading") heading.current?.focus({ preventScroll: true });
  }, [current]);

  if (current === "loading")
    return (
      <p className="panel text-lg" role="status">
        {t("common.loading")}
      </p>
    );

  if (current === "receipt") {
    const done = saved as Extract<Saved, { stage: "done" }>;
    return (
      <section className="panel flex flex-col gap-4 border-l-8 border-green-700" aria-labelledby="rating-receipt-heading">
        <h1 id="rating-receipt-heading" ref={heading} tabIndex={-1} className="text-3xl font-bold text-green-800 outline-none!">
          <span aria-hidden="true">✓ </span>
          {t("projects.rating.receiptHeading")}
        </h1>
        <p className="text-lg font-semibold">{t("projects.rating.receiptLabel")}</p>
        <p className="rounded-lg border-2 border-ink bg-stone-50 px-1 py-4 text-center font-mono text-[clamp(1.6rem,8.5vw,2.75rem)] leading-tight font-bold whitespace-nowrap select-all">
          {done.receipt}
        </p>
        <p className="text-lg">{t("projects.rating.receiptHint")}</p>
        <Link href="/delegate" className="btn-primary min-h-14 w-full text-xl">
          {t("projects.rating.home")}
        </Link>
      </section>
    );
  }

  if (current === "final") {
    return (
      <section className="panel flex flex-col gap-4 border-l-8 border-red-700" role="alert">
        <h1 ref={heading} tabIndex={-1} className="text-2xl font-bold outline-none!">
          {finalError}
        </h1>
        <Link href="/delegate" className="btn-primary min-h-14 w-full text-xl">
          {t("projects.rating.home")}
        </Link>
      </section>
    );
  }

  const summary = (
    <ol className="flex flex-col divide-y divide-stone-200">
      {projects.map((p, i) => (
        <li key={p.id} className="flex items-center justify-between gap-3 py-3">
          <span className="text-lg leading-snug">
            <span className="text-base text-muted">{i + 1}. </span>
            {p.title}
          </span>
          {grades[p.id] && (
            <span className={`shrink-0 rounded-lg border-2 px-3 py-1 text-lg font-bold ${GRADE_STYLE[grades[p.id]!]}`}>
              {t(`projects.grade.${grades[p.id]!}`)}
            </span>
          )}
        </li>
      ))}
    </ol>
  );

  if (current === "sending") {
    const record = saved as Sending;
    const retrying = submit.phase === "waiting" || (submit.phase === "sending" && submit.attempt > 0);
    return (
      <div className="flex flex-col gap-4">
        <h1 ref={heading} tabIndex={-1} className="text-2xl font-bold outline-none!">
          {t("projects.rating.sendingHeading")}
        </h1>
        <div
          role="status"
          aria-live="polite"
          className={`panel flex flex-col gap-2 border-l-8 ${retrying ? "border-amber-500" : "border-stone-400"}`}
        >
          <p className="text-xl font-bold">
            {submit.phase === "signed-out"
              ? t("errors.UNAUTHENTICATED")
              : retrying && "attempt" in submit
                ? t("projects.rating.retrying", { n: submit.attempt })
                : t("projects.rating.sending")}
          </p>
          {(retrying || submit.phase === "signed-out") && <p className="text-lg">{t("projects.rating.keptHint")}</p>}
        </div>
        {submit.phase === "signed-out" ? (
          <Link href={`/sign-in?callbackUrl=${encodeURIComponent("/delegate/rating")}`} className="btn-primary min-h-14 w-full text-xl">
            {t("projects.rating.signInAgain")}
          </Link>
        ) : (
          retrying && (
            <button
              type="button"
              className="btn-primary min-h-14 w-full text-xl"
              disabled={submit.phase === "sending"}
              onClick={() => void send(record, submit.phase === "waiting" ? submit.attempt : 0)}
            >
              {t("projects.rating.retryNow")}
            </button>
          )
        )}
        <section className="panel">{summary}</section>
      </div>
    );
  }

  const rated = projects.filter((p) => grades[p.id]).length;
  const complete = rated === projects.length;
  const mark = (projectId: string, grade: Grade) => {
    setNotice(null);
    persist({
      v: 1,
      stage: "draft",
      key: saved?.stage === "draft" ? saved.key : newIdempotencyKey(),
      grades: { ...grades, [projectId]: grade },
    });
  };
  const goTo = (next: "rate" | "review") => {
    setScreen(next);
    window.scrollTo(0, 0);
  };

  if (current === "review" && complete) {
    return (
      <div className="flex flex-col gap-4">
        <header className="flex flex-col gap-2">
          <h1 ref={heading} tabIndex={-1} className="text-2xl font-bold outline-none!">
            {t("projects.rating.reviewHeading")}
          </h1>
          <p className="text-base font-semibold text-muted">{roundTitle}</p>
          <p className="text-lg">{t("projects.rating.reviewHint")}</p>
        </header>
        <section className="panel">{summary}</section>
        <div className="sticky bottom-0 z-10 -mx-4 grid grid-cols-2 gap-3 border-t-2 border-stone-300 bg-white px-4 pt-3 pb-[max(0.75rem,env(safe-area-inset-bottom))]">
          <button type="button" className="btn-secondary min-h-14 text-lg" onClick={() => goTo("rate")}>
            {t("projects.rating.back")}
          </button>
          <button
            type="button"
            className="btn-primary min-h-14 text-lg"
            onClick={() => {
              if (saved?.stage !== "draft" || inFlight.current) return;
              const record: Sending = { ...saved, stage: "sending" };
              persist(record); // frozen and on disk before the first byte leaves the phone
              void send(record, 0);
            }}
          >
            {t("projects.rating.confirm")}
          </button>
        </div>
      </div>
    );
  }

  return (
    <div className="flex flex-col gap-4">
      <header className="flex flex-col gap-2">
        <h1 ref={heading} tabIndex={-1} className="text-2xl font-bold outline-none!">
          {roundTitle}
        </h1>
        <p className="text-lg">{t("projects.rating.intro")}</p>
      </header>
      {notice && (
        <p role="alert" className="panel border-2 border-amber-600 text-lg font-semibold">
          {notice}
        </p>
      )}
      <ol className="flex flex-col gap-4">
        {projects.map((p, i) => {
          const titleId = `rate-${p.id}`;
          const grade = grades[p.id];
          return (
            <li key={p.id} className={`panel flex flex-col gap-3 ${grade ? "" : "border-2 border-amber-400"}`}>
              <p className="flex items-center justify-between gap-2 text-base text-muted">
                <span>{t("projects.rating.projectNumber", { n: i + 1 })}</span>
                {!grade && (
                  <span className="rounded-md bg-amber-100 px-2 font-semibold text-amber-900">{t("projects.rating.unrated")}</span>
                )}
              </p>
              <h2 id={titleId} className="text-xl font-bold leading-snug">
                {p.title}
              </h2>
              <p className="text-base">
                <span className="text-muted">{t("common.unit")}：</span>
                {p.unitName}
              </p>
              <Link
                href={`/projects/${p.id}`}
                className="inline-flex min-h-11 items-center self-start text-base font-semibold text-blue-800 underline underline-offset-4"
              >
                {t("projects.rating.viewProgress")}
              </Link>
              {/* Real radios: one grade per project, announced as "满意, radio, 1 of 3"; the label shows ✓ and the word, never colour alone. */}
              <fieldset aria-labelledby={titleId}>
                {/* Stacked on a phone: "基本满意" in large type does not fit a third of 360 px. */}
                <div className="grid grid-cols-1 gap-2 min-[420px]:grid-cols-3">
                  {GRADES.map((g) => {
                    const checked = grade === g;
                    return (
                      <label
                        key={g}
                        className={`flex min-h-12 cursor-pointer items-center justify-center gap-1 rounded-lg border-2 px-1 text-center text-lg leading-tight font-bold select-none has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-blue-700 ${
                          checked ? GRADE_STYLE[g] : "border-stone-400 bg-white text-ink active:bg-stone-100"
                        }`}
                      >
                        <input
                          type="radio"
                          className="sr-only"
                          name={`grade-${p.id}`}
                          value={g}
                          checked={checked}
                          onChange={() => mark(p.id, g)}
                        />
                        {checked && <span aria-hidden="true">✓</span>}
                        {t(`projects.grade.${g}`)}
                      </label>
                    );
                  })}
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <div className="sticky bottom-0 z-10 -mx-4 flex items-center justify-between gap-3 border-t-2 border-stone-300 bg-white px-4 pt-3 pb-[max(0.75rem,env(safe-area-inset-bottom))]">
        <p className="text-lg font-bold" aria-live="polite">
          {t("projects.rating.progress", { done: rated, total: projects.length })}
        </p>
        <button
          type="button"
          className="btn-primary min-h-14 text-lg"
          onClick={() => {
            if (complete) goTo("review");
            else {
              setNotice(t("projects.rating.incomplete", { count: projects.length - rated }));
              window.scrollTo(0, 0);
            }
          }}
        >
          {t("projects.rating.review")}
        </button>
      </div>
    </div>
  );
}
