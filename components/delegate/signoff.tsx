"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { formatDateTime, formatTime } from "~/lib/format";
import type { TPollResult, TPollView, TSignoffView } from "~/lib/schemas/vote";
import { useI18n } from "../i18n/i18n-provider";
import { ResultCode } from "../poll/result-code";
import { SignoffOversight } from "./signoff-oversight";
import { isNetworkError, useAppErrorMessage } from "../trpc/use-app-error";
import { useTRPC } from "../trpc/trpc-provider";
import { useLiveSession } from "./use-live-session";

/**
 * A scrutineer checks the count of a closed poll and confirms it. What is confirmed is the
 * exact `resultHash` on screen: if the count changes meanwhile (a paper ballot entered),
 * the server refuses the stale hash and the new count has to be looked at again.
 */
export function Signoff({ pollId, delegateName, initialView }: { pollId: string; delegateName: string; initialView?: TSignoffView }) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useAppErrorMessage();
  const queryKey = trpc.delegate.countForSignoff.queryKey({ pollId });

  const count = useQuery(trpc.delegate.countForSignoff.queryOptions({ pollId }, { initialData: initialView }));
  // Other scrutineers sign on their own phones (and clerks enter paper ballots): keep the count and the certified state current.
  useLiveSession(() => void count.refetch(), !count.data || ["CLOSED", "PAPER_ENTRY"].includes(count.data.status));
  const signOff = useMutation(
    trpc.delegate.signOff.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey }),
    }),
  );

  const view = count.data;
  if (!view) {
    const fatal = count.isError && !isNetworkError(count.error);
    return (
      <div className="mx-auto flex max-w-xl flex-col gap-4">
        <div className={`panel ${fatal ? "border-l-8 border-red-700" : ""}`} role={fatal ? "alert" : "status"}>
          <h1 className="text-2xl font-bold">{t("signoff.title")}</h1>
          <p className="mt-2 text-lg">
            {fatal ? errorText(count.error) : count.failureCount > 0 ? t("errors.NETWORK") : t("common.loading")}
          </p>
        </div>
        <Link href="/delegate" className="btn-secondary w-full">
          {t("signoff.home")}
        </Link>
      </div>
    );
  }

  const mine = view.signoffs.find((s) => s.delegateName === delegateName && s.resultHash === view.resultHash);
  const reconciled = view.returned === null || view.issued === null || view.returned <= view.issued;

  return (
    <div className="mx-auto flex max-w-xl flex-col gap-4 pb-4">
      <header className="flex flex-col gap-2">
        <h1 className="text-2xl font-bold leading-snug">{t("signoff.title")}</h1>
        <p className="text-lg font-semibold">{view.title}</p>
        <p className="text-base text-muted">
          {view.kind === "COMPETITIVE"
            ? t("vote.pollKind.COMPETITIVE", { candidates: view.candidates.length, seats: view.seats })
            : t("vote.pollKind.EQUAL")}{" "}
          · {t(`vote.pollStatus.${view.status}`)}
        </p>
        {view.status === "CLOSED" && <p className="text-lg">{t("signoff.intro")}</p>}
        {view.status === "PAPER_ENTRY" && (
          <p className="panel border-l-8 border-amber-600 text-lg" role="status">
            {t("signoff.paperEntry")}
          </p>
        )}
      </header>

      {view.status === "VOID" && (
        <p role="alert" className="panel border-l-8 border-red-700 text-lg font-semibold">
          {t("signoff.voidBody", { reason: view.voidReason ?? "" })}
        </p>
      )}
      <section className="panel" aria-labelledby="figures-heading">
        <h2 id="figures-heading" className="text-xl font-bold">
          {t("signoff.figures")}
        </h2>
        <dl className="mt-2 grid grid-cols-2 gap-3">
          <Figure label={t("signoff.seated")} value={view.seated} />
          <Figure label={t("signoff.present")} value={view.present} />
          <Figure label={t("signoff.issued")} value={view.issued} />
          <Figure label={t("signoff.returned")} value={view.returned} />
          {!!view.paperIssued && (
            <>
              <Figure label={t("signoff.phoneIssued")} value={diff(view.issued, view.paperIssued)} />
              <Figure
                label={t("signoff.phoneReturned")}
                value={view.paperReturned === null ? view.returned : diff(view.returned, view.paperReturned)}
              />
              <Figure label={t("signoff.paperIssued")} value={view.paperIssued} />
              <Figure label={t("signoff.paperReturned")} value={view.paperReturned} />
            </>
          )}
          {view.result && <Figure label={t("signoff.valid")} value={view.result.valid} />}
          {view.result && <Figure label={t("signoff.invalid")} value={view.result.invalid} />}
        </dl>
        <p className={`mt-3 text-lg font-semibold ${reconciled ? "text-green-800" : "text-red-800"}`}>
          <span aria-hidden="true">{reconciled ? "✓ " : "✗ "}</span>
          {reconciled ? t("signoff.reconcileOk") : t("signoff.reconcileBad")}
        </p>
      </section>

      {view.result && <CandidateResults view={view} result={view.result} />}

      <SignoffOversight oversight={view.oversight} t={t} locale={locale} />

      <section className="panel" aria-labelledby="signoffs-heading">
        <h2 id="signoffs-heading" className="text-xl font-bold">
          {t("signoff.signoffsHeading")}
        </h2>
        {view.signoffs.length === 0 ? (
          <p className="mt-2 text-lg text-muted">{t("signoff.signoffsNone")}</p>
        ) : (
          <ul className="mt-2 flex flex-col gap-2 text-lg">
            {view.signoffs.map((s) => (
              <li key={`${s.delegateName}-${s.signedAt.toISOString()}`}>
                <span aria-hidden="true">✓ </span>
                {t("signoff.signedBy", { name: s.delegateName, time: formatTime(s.signedAt, t, locale) })}
                {s.resultHash !== view.resultHash && <span className="ml-1 font-semibold text-red-800">{t("signoff.otherHash")}</span>}
              </li>
            ))}
          </ul>
        )}
      </section>

      {view.status === "CLOSED" && view.resultHash && (
        <section className="panel flex flex-col gap-3 border-2 border-amber-400" aria-labelledby="confirm-heading">
          <h2 id="confirm-heading" className="text-xl font-bold">
            {t("common.resultCode")}
          </h2>
          <ResultCode hash={view.resultHash} hint={t("signoff.hashHint")} t={t} large />
          <div aria-live="polite">
            {mine && (
              <p className="text-lg font-bold text-green-800">
                <span aria-hidden="true">✓ </span>
                {t("signoff.waitingOthers")}
              </p>
            )}
            {signOff.isError && (
              <p role="alert" className="field-error">
                {errorText(signOff.error)}
              </p>
            )}
          </div>
          {!mine && (
            <button
              type="button"
              className="btn-primary min-h-14 w-full text-xl"
              disabled={signOff.isPending || !reconciled}
              onClick={() => signOff.mutate({ pollId, resultHash: view.resultHash! })}
            >
              {signOff.isPending ? t("signoff.confirming") : t("signoff.confirm")}
            </button>
          )}
        </section>
      )}

      {/* Where the confirm button was: a scrutineer waiting at the bottom of the page sees the certification arrive. */}
      <div aria-live="polite">
        {(view.status === "CERTIFIED" || view.status === "PUBLISHED") && (
          <section className="panel flex flex-col gap-3 border-l-8 border-green-700">
            <p className="text-2xl font-bold text-green-800">
              <span aria-hidden="true">✓ </span>
              {t("signoff.certified")}
            </p>
            {view.certifiedAt && (
              <p className="text-lg">{t("signoff.certifiedBody", { time: formatDateTime(view.certifiedAt, t, locale) })}</p>
            )}
            {view.status === "PUBLISHED" && (
              <Link href={`/results/${view.id}`} className="btn-secondary w-full">
                {t("signoff.viewPublic")}
              </Link>
            )}
          </section>
        )}
      </div>

      <Link href="/delegate" className="btn-secondary w-full">
        {t("signoff.home")}
      </Link>
    </div>
  );
}

/** Phone figures are the totals less the paper ones; unknown while either is. */
function diff(total: number | null, paper: number | null): number | null {
  return total === null || paper === null ? null : total - paper;
}

function Figure({ label, value }: { label: string; value: number | null }) {
  return (
    <div className="rounded-lg bg-stone-100 p-3">
      <dt className="text-base text-muted">{label}</dt>
      <dd className="text-3xl font-bold tabular-nums">{value ?? "—"}</dd>
    </div>
  );
}

function CandidateResults({ view, result }: { view: TPollView; result: TPollResult }) {
  const { t } = useI18n();
  const byId = new Map(result.candidates.map((c) => [c.id, c]));
  const competitive = view.kind === "COMPETITIVE";
  const runoffTitles = view.candidates.filter((c) => result.runoff.includes(c.id)).map((c) => c.title);
  return (
    <section className="panel" aria-labelledby="candidates-heading">
      <h2 id="candidates-heading" className="text-xl font-bold">
        {t("signoff.candidatesHeading")}
      </h2>
      <p className="mt-1 text-base text-muted">{t(`signoff.basis.${view.basis}`)}</p>
      <ol className="mt-2 flex flex-col divide-y divide-stone-200">
        {view.candidates.map((c, i) => {
          const r = byId.get(c.id);
          if (!r) return null;
          const outcome = result.runoff.includes(c.id)
            ? { text: t("signoff.runoff"), style: "border-amber-600 bg-amber-100 text-amber-950" }
            : !r.passed
              ? { text: t("signoff.notPassed"), style: "border-stone-500 bg-white text-ink" }
              : competitive && !r.selected
                ? { text: `${t("signoff.passed")} · ${t("signoff.notSelected")}`, style: "border-stone-500 bg-white text-ink" }
                : {
                    text: competitive ? `${t("signoff.passed")} · ${t("signoff.selected")}` : t("signoff.passed"),
                    style: "border-green-800 bg-green-800 text-white",
                  };
          return (
            <li key={c.id} className="flex flex-col gap-2 py-3">
              <p className="text-lg font-semibold leading-snug">
                <span className="text-base font-normal text-muted">{t("vote.ballot.candidateNumber", { n: i + 1 })} </span>
                {c.title}
              </p>
              <dl className="grid grid-cols-3 gap-2 text-center">
                {(["FOR", "AGAINST", "ABSTAIN"] as const).map((k) => (
                  <div key={k} className="rounded-lg bg-stone-100 py-1">
                    <dt className="text-base text-muted">{t(`vote.choice.${k}`)}</dt>
                    <dd className="text-2xl font-bold tabular-nums">{k === "FOR" ? r.for : k === "AGAINST" ? r.against : r.abstain}</dd>
                  </div>
                ))}
              </dl>
              <p className="flex flex-wrap items-center gap-2">
                <span className={`rounded-md border-2 px-2 py-0.5 text-base font-bold ${outcome.style}`}>{outcome.text}</span>
                {competitive && r.rank !== null && <span className="text-base text-muted">{t("signoff.rank", { rank: r.rank })}</span>}
              </p>
            </li>
          );
        })}
      </ol>
      {result.unfilled > 0 && <p className="mt-2 text-lg font-semibold">{t("signoff.unfilled", { count: result.unfilled })}</p>}
      {runoffTitles.length > 0 && (
        <p className="mt-2 text-lg font-semibold">{t("signoff.runoffNote", { titles: runoffTitles.join("、") })}</p>
      )}
    </section>
  );
}
