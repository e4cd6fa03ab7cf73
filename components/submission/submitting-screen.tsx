"use client";

import Link from "next/link";
import type { ReactNode, RefObject } from "react";
import { useI18n } from "../i18n/i18n-provider";
import type { Phase } from "./use-durable-submission";

/**
 * While a confirmed submission is on its way: whether it is being sent or retried, that it
 * is kept and will not count twice, a retry button, the way back after a lost session —
 * and what is being sent (`children`) stays on the screen, never a blank page.
 */
export function SubmittingScreen({
  headingRef,
  phase,
  onRetry,
  signInReturnTo,
  texts,
  children,
}: {
  headingRef: RefObject<HTMLHeadingElement | null>;
  phase: Phase;
  onRetry: () => void;
  /** The page to come back to after signing in again; it resumes the same submission. */
  signInReturnTo: string;
  texts: { heading: string; sending: string; retrying: (attempt: number) => string; keptHint: string; retry: string; signInAgain: string };
  children: ReactNode;
}) {
  const { t } = useI18n();
  const retrying = phase.phase === "waiting" || (phase.phase === "sending" && phase.attempt > 0);
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-4">
      <h1 ref={headingRef} tabIndex={-1} className="text-2xl font-bold leading-snug outline-none!">
        {texts.heading}
      </h1>
      <div
        role="status"
        aria-live="polite"
        className={`panel flex flex-col gap-2 border-l-8 ${retrying ? "border-amber-500" : "border-stone-400"}`}
      >
        {phase.phase === "signed-out" ? (
          <p className="text-lg font-bold">{t("errors.UNAUTHENTICATED")}</p>
        ) : (
          <p className="text-xl font-bold">{retrying && "attempt" in phase ? texts.retrying(phase.attempt) : texts.sending}</p>
        )}
        {(retrying || phase.phase === "signed-out") && <p className="text-lg">{texts.keptHint}</p>}
      </div>
      {phase.phase === "signed-out" ? (
        <Link href={`/sign-in?callbackUrl=${encodeURIComponent(signInReturnTo)}`} className="btn-primary min-h-14 w-full text-xl">
          {texts.signInAgain}
        </Link>
      ) : (
        retrying && (
          <button type="button" className="btn-primary min-h-14 w-full text-xl" onClick={onRetry} disabled={phase.phase === "sending"}>
            {phase.phase === "sending" ? texts.sending : texts.retry}
          </button>
        )
      )}
      {children}
    </div>
  );
}
