"use client";

import { useCallback, useEffect, useRef, useState } from "react";

/**
 * Where the delegate asked to be on a form with a review (marking, or checking before the
 * confirm). Each step is a new "page": it starts at the top. `reset` goes back to the first
 * step, e.g. when a refusal sends the delegate back to the form.
 */
export function useSteps<S extends string>(first: S) {
  const [step, setStep] = useState<S>(first);
  const reset = useCallback(() => setStep(first), [first]);
  const goTo = (next: S) => {
    setStep(next);
    window.scrollTo(0, 0);
  };
  return { step, goTo, reset };
}

/**
 * Each screen is a new "page" for the delegate: its heading (given this ref) takes the focus
 * so a screen reader announces it — when the screen changes, not on every tap within it.
 */
export function useHeadingFocus(screenId: string) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // Loading screens have no heading to announce.
    headingRef.current?.focus({ preventScroll: true });
  }, [screenId]);
  return headingRef;
}
