"use client";

import Link from "next/link";
import type { ReactNode, RefObject } from "react";
import { useI18n } from "../../i18n/i18n-provider";

/** Each screen's heading takes the focus when the screen appears, so a screen reader announces the new "page". */
export type HeadingRef = RefObject<HTMLHeadingElement | null>;

export function Loading({ retrying, onRetry }: { retrying: boolean; onRetry: () => void }) {
  const { t } = useI18n();
  return (
    <div className="mx-auto max-w-xl">
      <div className="panel" role="status" aria-live="polite">
        <p className="text-lg">{retrying ? t("errors.NETWORK") : t("common.loading")}</p>
        {retrying && (
          <button type="button" className="btn-secondary mt-3" onClick={onRetry}>
            {t("common.retry")}
          </button>
        )}
      </div>
    </div>
  );
}

/** A state the delegate can only take note of (not checked in, voted, closed …), with the way home. */
export function Message({
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
