"use client";

// Near 300 lines, in one piece: one card holds a poll's every step (open, close with its
// outlook, void, run-off, publish) beside its live figures; the detail page's settings and
// times are poll-facts.tsx.

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { formatDateTime } from "~/lib/format";
import { ZVoidPollInput, type TPollSummary, type TPollView, type TTurnout } from "~/lib/schemas/vote";
import { useI18n } from "../i18n/i18n-provider";
import { useTRPC } from "../trpc/trpc-provider";
import { ClosePollAction } from "./close-poll-action";
import { ConfirmAction } from "./confirm-action";
import { ResultCode } from "../poll/result-code";
import { PollFacts, pollKindText } from "./poll-facts";
import { PollResultTable, ResultNotes } from "./poll-result-table";
import { PollStatusChip } from "./poll-status-chip";

function Figure({ label, value, emphasis }: { label: string; value: number | string; emphasis?: boolean }) {
  return (
    <div className="min-w-0">
      <dt className="text-base text-muted">{label}</dt>
      <dd className={`font-bold tabular-nums ${emphasis ? "text-4xl" : "text-3xl"}`}>{value}</dd>
    </div>
  );
}

/**
 * One poll with the controls its state allows. Every irreversible step (open, close, void,
 * publish, run-off) goes through a confirm dialog; the server re-checks each one and
 * audits it. While the poll is open, 已投/未投 come from the live turnout feed; after close,
 * reconciliation, sign-off and the count come from the poll view.
 */
export function PollPanel({
  summary,
  initial,
  turnout,
  quorumNeeded,
  hasRunoff,
  variant,
}: {
  summary: TPollSummary;
  initial?: TPollView;
  turnout: TTurnout;
  quorumNeeded: number;
  /** A (non-void) run-off poll already exists for this one. */
  hasRunoff: boolean;
  variant: "compact" | "full";
}) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const query = useQuery({ ...trpc.secretariat.poll.queryOptions({ pollId: summary.id }), initialData: initial });
  const view = query.data;
  const [notice, setNotice] = useState<string | null>(null);

  const afterChange = () => queryClient.invalidateQueries({ queryKey: trpc.secretariat.pathKey() });
  const openPoll = useMutation(trpc.secretariat.openPoll.mutationOptions({ onSuccess: afterChange }));
  const voidPoll = useMutation(trpc.secretariat.voidPoll.mutationOptions({ onSuccess: afterChange }));
  const publishPoll = useMutation(trpc.secretariat.publishPoll.mutationOptions({ onSuccess: afterChange }));
  const createRunoff = useMutation(trpc.secretariat.createRunoff.mutationOptions({ onSuccess: afterChange }));

  const status = view?.status ?? summary.status;
  const title = view?.title ?? summary.title;
  const headingId = `poll-${summary.id}-title`;
  const live = turnout.poll?.id === summary.id ? turnout.poll : null;
  const issued = status === "OPEN" ? (live?.issued ?? view?.issued ?? turnout.present) : (view?.issued ?? null);
  const returned = status === "OPEN" ? (live?.returned ?? view?.returned ?? 0) : (view?.returned ?? null);
  const paperOut = live?.paperOut ?? view?.paperIssued ?? 0;
  const agreeing = view ? view.signoffs.filter((s) => s.resultHash === view.resultHash) : [];
  const runoffIds = view?.result?.runoff ?? [];
  // The detail page's title is its h1; in the cockpit a poll sits under the h2 "表决事项".
  const Heading = variant === "full" ? "h1" : "h3";
  const Sub = variant === "full" ? "h2" : "h4";

  const voidAction = (
    <ConfirmAction
      label={t("cockpit.actions.void")}
      title={t("cockpit.confirm.voidTitle")}
      body={t("cockpit.confirm.voidBody", { title })}
      danger
      reason={{
        label: t("cockpit.confirm.voidReason"),
        invalid: (v) => (ZVoidPollInput.shape.reason.safeParse(v).success ? null : t("cockpit.confirm.voidReasonError")),
      }}
      onConfirm={(reason) => voidPoll.mutateAsync({ pollId: summary.id, reason })}
    />
  );

  return (
    <article aria-labelledby={headingId} className={variant === "compact" ? "panel flex flex-col gap-3" : "flex flex-col gap-5"}>
      <header className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <Heading id={headingId} className={`min-w-0 font-bold ${variant === "full" ? "text-2xl" : "text-xl"}`}>
          {variant === "compact" ? (
            <Link href={`/secretariat/polls/${summary.id}`} className="underline decoration-2 underline-offset-4 hover:text-brand-dark">
              {title}
            </Link>
          ) : (
            title
          )}
        </Heading>
        <PollStatusChip status={status} t={t} />
        <span className="text-base text-muted">
          {pollKindText(view ?? summary, t)} · {(view?.secret ?? summary.secret) ? t("cockpit.secret") : t("cockpit.named")}
          {summary.runoffOfId && ` · ${t("cockpit.isRunoff")}`}
        </span>
      </header>

      {query.isError && !view && (
        <p role="alert" className="field-error">
          {t("errors.NETWORK")}
        </p>
      )}

      {status === "DRAFT" && (
        <>
          <p className="text-base">{t("cockpit.draftNote", { count: view?.candidates.length ?? 0 })}</p>
          {!turnout.quorumMet && (
            <p className="rounded-lg border-2 border-amber-700 bg-amber-50 p-3 font-semibold">
              {t("cockpit.quorumWarning", { present: turnout.present, needed: quorumNeeded })}
            </p>
          )}
          <div className="flex flex-wrap gap-3">
            <ConfirmAction
              label={t("cockpit.actions.open")}
              title={t("cockpit.confirm.openTitle")}
              body={t("cockpit.confirm.openBody", { title, present: turnout.present, seated: turnout.seated })}
              onConfirm={() => openPoll.mutateAsync({ pollId: summary.id })}
            />
            {voidAction}
          </div>
        </>
      )}

      {status === "OPEN" && (
        <>
          <section aria-label={t("cockpit.liveHeading")} className="rounded-lg bg-green-50 p-3">
            <dl className={`grid gap-3 ${paperOut > 0 ? "grid-cols-2 sm:grid-cols-4" : "grid-cols-3"}`}>
              <Figure label={t("cockpit.issued")} value={issued ?? "—"} />
              <Figure label={t("cockpit.returned")} value={returned ?? "—"} emphasis />
              <Figure
                label={t("cockpit.notReturned")}
                value={issued !== null && returned !== null ? Math.max(0, issued - returned) : "—"}
                emphasis
              />
              {/* Returned only once entered, after the close: why 未投 stays above 0. */}
              {paperOut > 0 && <Figure label={t("cockpit.paper.issued")} value={paperOut} />}
            </dl>
          </section>
          <div className="flex flex-wrap gap-3">
            <ClosePollAction pollId={summary.id} title={title} returned={returned ?? 0} issued={issued ?? 0} onClosed={afterChange} />
            {voidAction}
          </div>
        </>
      )}

      {view && status === "PAPER_ENTRY" && (
        <>
          <section aria-label={t("cockpit.paper.heading")} className="rounded-lg bg-amber-50 p-3">
            <dl className="grid grid-cols-3 gap-3">
              <Figure label={t("cockpit.issued")} value={view.issued ?? "—"} />
              <Figure label={t("cockpit.paper.issued")} value={view.paperIssued ?? "—"} emphasis />
              <Figure label={t("cockpit.paper.phoneReturned")} value={view.returned ?? "—"} />
            </dl>
          </section>
          <p className="text-base">{t("cockpit.paper.note")}</p>
          <div className="flex flex-wrap gap-3">
            <Link href={`/clerk/polls/${summary.id}`} className="btn-secondary">
              {t("cockpit.actions.paperEntry")}
            </Link>
            {voidAction}
          </div>
        </>
      )}

      {view && (status === "CLOSED" || status === "CERTIFIED" || status === "PUBLISHED") && (
        <>
          <div className="grid gap-3 sm:grid-cols-2">
            <section aria-labelledby={`${headingId}-rec`} className="rounded-lg border border-stone-200 p-3">
              <Sub id={`${headingId}-rec`} className="font-bold">
                {t("cockpit.reconcileHeading")}
              </Sub>
              <dl className="mt-1 grid grid-cols-2 gap-3">
                <Figure label={t("cockpit.issued")} value={view.issued ?? "—"} />
                <Figure label={t("cockpit.collected")} value={view.returned ?? "—"} />
              </dl>
              <p className="mt-1 font-semibold">
                {(view.returned ?? 0) <= (view.issued ?? 0) ? `✓ ${t("cockpit.reconcileOk")}` : `✗ ${t("cockpit.reconcileBad")}`}
              </p>
            </section>
            <section aria-labelledby={`${headingId}-sign`} className="rounded-lg border border-stone-200 p-3">
              <Sub id={`${headingId}-sign`} className="font-bold">
                {t("cockpit.signoffHeading")}
              </Sub>
              <p className="mt-1 text-3xl font-bold tabular-nums">
                {t("cockpit.signoffCount", { count: Math.min(agreeing.length, view.signoffsRequired), needed: view.signoffsRequired })}
              </p>
              <p className="text-base">{status === "CLOSED" ? t("cockpit.signoffWaiting") : t("cockpit.signoffDone")}</p>
              {agreeing.length > 0 && (
                <ul className="mt-1 text-base text-muted">
                  {agreeing.map((s) => (
                    <li key={`${s.delegateName}-${s.signedAt.toISOString()}`}>
                      {s.delegateName} · {formatDateTime(s.signedAt, t, locale)}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </div>

          {variant === "compact" ? (
            <details className="group rounded-lg border border-stone-200">
              <summary className="flex min-h-11 cursor-pointer list-none items-center justify-between gap-3 px-3 font-semibold [&::-webkit-details-marker]:hidden">
                {t("cockpit.showResult")}
                <span aria-hidden className="text-xl leading-none transition-transform group-open:rotate-45">
                  +
                </span>
              </summary>
              <div className="px-3 pb-3">
                <PollResultTable view={view} t={t} caption={t("cockpit.resultHeading")} />
              </div>
            </details>
          ) : (
            <section aria-labelledby={`${headingId}-result`} className="flex flex-col gap-2">
              <h2 id={`${headingId}-result`} className="text-xl font-bold">
                {t("cockpit.resultHeading")}
              </h2>
              <p className="text-base text-muted">
                {t("cockpit.validInvalid", { valid: view.result?.valid ?? 0, invalid: view.result?.invalid ?? 0 })}
              </p>
              <PollResultTable view={view} t={t} caption={t("cockpit.resultHeading")} />
              {view.resultHash && (
                <section aria-labelledby={`${headingId}-code`} className="rounded-lg border border-stone-200 p-3">
                  <h3 id={`${headingId}-code`} className="font-bold">
                    {t("common.resultCode")}
                  </h3>
                  <ResultCode hash={view.resultHash} hint={t("cockpit.resultCodeHint")} t={t} />
                </section>
              )}
            </section>
          )}
          <ResultNotes view={view} t={t} />

          <div className="flex flex-wrap gap-3">
            {status === "CERTIFIED" && (
              <ConfirmAction
                label={t("cockpit.actions.publish")}
                title={t("cockpit.confirm.publishTitle")}
                body={t("cockpit.confirm.publishBody", { title })}
                onConfirm={() => publishPoll.mutateAsync({ pollId: summary.id })}
              />
            )}
            {status === "PUBLISHED" && (
              <Link href={`/results/${summary.id}`} className="btn-secondary">
                {t("cockpit.actions.viewPublic")}
              </Link>
            )}
            {runoffIds.length > 0 && status !== "CLOSED" && !hasRunoff && (
              <ConfirmAction
                label={t("cockpit.actions.runoff")}
                title={t("cockpit.confirm.runoffTitle")}
                body={t("cockpit.confirm.runoffBody", { count: runoffIds.length })}
                onConfirm={async () => {
                  const { id } = await createRunoff.mutateAsync({ pollId: summary.id });
                  if (variant === "full") router.push(`/secretariat/polls/${id}`);
                  else setNotice(t("cockpit.runoffCreated"));
                }}
              />
            )}
            {status === "CLOSED" && voidAction}
          </div>
          {status === "CLOSED" && <p className="text-base text-muted">{t("cockpit.publishAfterSignoff")}</p>}
        </>
      )}

      {status === "VOID" && view && (
        <p className="text-base">
          {t("cockpit.voidReasonLabel")}：{view.voidReason === "RETURNED_EXCEEDS_ISSUED" ? t("cockpit.autoVoid") : (view.voidReason ?? "—")}
        </p>
      )}

      <div aria-live="polite">{notice && <p className="font-semibold text-green-900">{notice}</p>}</div>

      {variant === "full" && view && <PollFacts view={view} />}
    </article>
  );
}
