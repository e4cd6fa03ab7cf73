"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState, type ReactNode } from "react";
import superjson from "superjson";
import { formatTime } from "~/lib/format";
import type { TDelegateSessionState } from "~/lib/schemas/vote";
import { useI18n } from "../i18n/i18n-provider";
import { isNetworkError, useAppErrorMessage } from "../trpc/use-app-error";
import { useTRPC } from "../trpc/trpc-provider";
import { failureOf } from "../submission/trpc-failure";
import { useLiveSession } from "./use-live-session";

type PollRow = TDelegateSessionState["polls"][number];

/** The one thing a delegate should do now, in a card whose heading alone says it: check in, wait, vote, done. */
function StatusCard({
  tone,
  heading,
  hint,
  children,
}: {
  tone: "todo" | "wait" | "go" | "done";
  heading: ReactNode;
  hint?: ReactNode;
  children?: ReactNode;
}) {
  const border = { todo: "border-amber-500", wait: "border-stone-400", go: "border-brand", done: "border-green-700" }[tone];
  return (
    <div className={`panel flex flex-col gap-4 border-l-8 ${border}`}>
      {/* Polite live region: a poll opening or closing is announced without stealing focus. */}
      <div aria-live="polite" aria-atomic="true" className="flex flex-col gap-2">
        <p className="text-2xl font-bold leading-snug">{heading}</p>
        {hint && <p className="text-lg">{hint}</p>}
      </div>
      {children}
    </div>
  );
}

/**
 * `initialState` comes with the page (the server read it while rendering), so the card is
 * there at once — on congested Wi-Fi the scripts that would fetch it can take many seconds,
 * and a 正在加载… card first told the delegate nothing.
 */
export function SessionStatus({ initialState }: { initialState: TDelegateSessionState }) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useAppErrorMessage();
  const [renderedAt] = useState(() => Date.now());

  const state = useQuery({
    ...trpc.delegate.state.queryOptions(),
    initialData: initialState,
    initialDataUpdatedAt: renderedAt,
  });
  // The server sends the new state when a poll opens or closes, or check-in does: a hall at
  // rest sends nothing, and a poll opening costs the hall no round of requests.
  useLiveSession((message) => {
    if (message)
      queryClient.setQueryData(trpc.delegate.state.queryKey(), superjson.deserialize<TDelegateSessionState>(JSON.parse(message)));
    else void state.refetch();
  });
  const checkIn = useMutation(
    trpc.delegate.checkIn.mutationOptions({
      // Check-in is idempotent on the server (a second call returns the first time), so a
      // lost response may be retried blindly.
      retry: (count, error) => count < 3 && isNetworkError(error),
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.delegate.state.queryKey() }),
    }),
  );

  /** A failed check-in says why, and that another tap (or the desk) will do it. */
  function checkInFailure(error: unknown): string {
    if (isNetworkError(error)) return t("vote.status.checkInFailedNetwork");
    if (failureOf(error).retry) return t("vote.status.checkInFailed");
    return errorText(error);
  }

  const s = state.data;
  const open = s.polls.filter((p) => p.status === "OPEN");
  const latest = s.polls[0];
  // Open polls are in the main card already; the list is the session's record so far.
  const past = s.polls.filter((p) => p.status !== "OPEN");
  const closedForSignoff = s.polls.filter((p) => p.status === "CLOSED" || p.status === "CERTIFIED" || p.status === "PUBLISHED");

  let main: ReactNode;
  if (!s.checkedInAt) {
    main = s.checkInOpen ? (
      <StatusCard tone="todo" heading={t("delegate.notCheckedIn")} hint={t("vote.status.checkInPrompt")}>
        <button
          type="button"
          className="btn-primary min-h-16 w-full text-2xl"
          disabled={checkIn.isPending}
          onClick={() => checkIn.mutate()}
        >
          {checkIn.isPending ? t("vote.status.checkingIn") : t("vote.status.checkIn")}
        </button>
        <div aria-live="assertive">
          {checkIn.isError && (
            <p role="alert" className="field-error">
              {checkInFailure(checkIn.error)}
            </p>
          )}
        </div>
      </StatusCard>
    ) : (
      <StatusCard tone="wait" heading={t("vote.status.checkInNotOpen")} hint={t("vote.status.checkInNotOpenHint")} />
    );
  } else if (open.length > 0) {
    main = (
      <div className="flex flex-col gap-4">
        {open.map((p) => (
          <OpenPollCard key={p.id} poll={p} />
        ))}
      </div>
    );
  } else if (latest) {
    main = (
      <StatusCard tone="wait" heading={t("vote.status.closed")} hint={t("vote.status.closedHint", { title: latest.title })}>
        {latest.status === "PUBLISHED" && (
          <Link href={`/results/${latest.id}`} className="btn-secondary w-full">
            {t("vote.status.viewResult")}
          </Link>
        )}
      </StatusCard>
    );
  } else {
    main = <StatusCard tone="wait" heading={t("vote.status.waiting")} hint={t("vote.status.waitingHint")} />;
  }

  return (
    <section aria-labelledby="status-heading" className="flex flex-col gap-4">
      <h2 id="status-heading" className="sr-only">
        {t("vote.status.heading")}
      </h2>
      {/* What is shown may be out of date while the phone cannot reach the server: say so. */}
      {state.isRefetchError && (
        <p role="status" className="text-base text-muted">
          {t("vote.status.loadFailed")}
        </p>
      )}
      {s.checkedInAt && (
        <p className="flex flex-wrap items-baseline gap-x-3 text-lg">
          <span className="font-bold text-green-800">✓ {t("vote.status.checkedIn")}</span>
          <span className="text-muted">{t("vote.status.checkedInAt", { time: formatTime(s.checkedInAt, t, locale) })}</span>
        </p>
      )}
      {main}

      {s.checkedInAt && past.length > 0 && (
        <section aria-labelledby="polls-heading" className="panel">
          <h2 id="polls-heading" className="text-xl font-bold">
            {t("vote.status.pollsHeading")}
          </h2>
          <ul className="mt-2 divide-y divide-stone-200">
            {past.map((p) => (
              <li key={p.id} className="flex flex-col gap-1 py-3">
                <span className="text-lg font-semibold">{p.title}</span>
                <span className="text-base text-muted">
                  {t(`vote.pollStatus.${p.status}`)} · {p.voted ? t("vote.status.youVoted") : t("vote.status.youDidNotVote")}
                </span>
                {p.status === "PUBLISHED" && (
                  <Link href={`/results/${p.id}`} className="btn-secondary self-start">
                    {t("vote.status.viewResult")}
                  </Link>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}

      {s.isScrutineer && (
        <section aria-labelledby="scrutineer-heading" className="panel border-2 border-amber-400">
          <h2 id="scrutineer-heading" className="text-xl font-bold">
            {t("vote.status.scrutineerHeading")}
          </h2>
          {closedForSignoff.length === 0 ? (
            <p className="mt-2 text-lg text-muted">{t("vote.status.scrutineerNone")}</p>
          ) : (
            <ul className="mt-2 flex flex-col gap-3">
              {closedForSignoff.map((p) => (
                <li key={p.id} className="flex flex-col gap-2">
                  <span className="text-lg font-semibold">
                    {p.title}
                    <span className="ml-2 text-base font-normal text-muted">
                      {p.status === "CLOSED" ? t("vote.status.scrutineerToDo") : t("vote.status.scrutineerDone")}
                    </span>
                  </span>
                  <Link
                    href={`/delegate/polls/${p.id}/signoff`}
                    className={p.status === "CLOSED" ? "btn-primary w-full" : "btn-secondary w-full"}
                  >
                    {t("vote.status.scrutineerOpen")}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </section>
  );
}

function OpenPollCard({ poll }: { poll: PollRow }) {
  const { t } = useI18n();
  // The desk handed this delegate a paper ballot: still to be filled in, and no receipt code to show.
  if (poll.paper) return <StatusCard tone="todo" heading={t("vote.state.paperHeading")} hint={t("vote.state.paperBody")} />;
  if (poll.voted) {
    return (
      <StatusCard
        tone="done"
        heading={
          <>
            <span aria-hidden="true">✓ </span>
            {t("vote.status.voted")}
          </>
        }
        hint={t("vote.status.votedHint", { title: poll.title })}
      >
        <Link href={`/delegate/polls/${poll.id}`} className="btn-secondary w-full">
          {t("vote.status.viewReceipt")}
        </Link>
      </StatusCard>
    );
  }
  return (
    <StatusCard tone="go" heading={t("vote.status.open")} hint={<span className="font-semibold">{poll.title}</span>}>
      <Link href={`/delegate/polls/${poll.id}`} className="btn-primary min-h-16 w-full text-2xl">
        {t("vote.status.enter")}
      </Link>
    </StatusCard>
  );
}
