"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useState } from "react";
import { formatTime } from "~/lib/format";
import { ZFindDelegatesInput, type TDelegateRow } from "~/lib/schemas/vote";
import { useI18n } from "../i18n/i18n-provider";
import { useTRPC } from "../trpc/trpc-provider";
import { useAppErrorMessage } from "../trpc/use-app-error";

/** Waits for the clerk to stop typing before searching. */
function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/**
 * The check-in desk: find a delegate by name, seat or card code and check them in. A
 * second tap (or a delegate who already checked in on the phone) is not an error: the
 * server answers with the first check-in's time. While a poll is open the desk also hands
 * a checked-in delegate a paper ballot (发出); the server refuses one who voted on the
 * phone, and the phone then refuses that delegate's vote.
 */
export function DeskCheckIn({
  sessionId,
  checkInOpen,
  openPoll = null,
}: {
  sessionId: string;
  checkInOpen: boolean;
  openPoll?: { id: string; title: string } | null;
}) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useAppErrorMessage();
  const id = useId();
  const [text, setText] = useState("");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const query = useDebounced(text.trim(), 250);
  const valid = ZFindDelegatesInput.safeParse({ sessionId, query }).success;
  const found = useQuery({
    ...trpc.secretariat.findDelegates.queryOptions({ sessionId, query }),
    enabled: valid,
    placeholderData: keepPreviousData,
  });
  const checkIn = useMutation(trpc.secretariat.deskCheckIn.mutationOptions());
  const clearDelay = useMutation(trpc.secretariat.clearSignInDelay.mutationOptions());
  const issuePaper = useMutation(trpc.clerk.issuePaper.mutationOptions());

  /** After checking the delegate's card: their sign-in waits no longer (wrong PINs, theirs or someone else's). */
  async function onClearDelay(d: TDelegateRow) {
    setMessage(null);
    try {
      const res = await clearDelay.mutateAsync({ delegateId: d.id });
      setMessage({ ok: true, text: t(res.cleared ? "cockpit.desk.delayCleared" : "cockpit.desk.noDelay", { name: d.name }) });
    } catch (err) {
      setMessage({ ok: false, text: errorText(err) });
    }
  }

  async function onIssuePaper(d: TDelegateRow, pollId: string) {
    setMessage(null);
    try {
      const res = await issuePaper.mutateAsync({ pollId, delegateId: d.id });
      setMessage({ ok: true, text: t(res.already ? "cockpit.desk.paperAlready" : "cockpit.desk.paperIssued", { name: d.name }) });
    } catch (err) {
      setMessage({ ok: false, text: errorText(err) });
    }
  }

  async function onCheckIn(d: TDelegateRow) {
    setMessage(null);
    try {
      const res = await checkIn.mutateAsync({ delegateId: d.id });
      const time = formatTime(res.checkedInAt, t, locale);
      setMessage({
        ok: true,
        text: res.already ? t("cockpit.desk.already", { name: d.name, time }) : t("cockpit.desk.done", { name: d.name, time }),
      });
      await queryClient.invalidateQueries({ queryKey: trpc.secretariat.findDelegates.pathKey() });
    } catch (err) {
      setMessage({ ok: false, text: errorText(err) });
    }
  }

  const rows = valid ? (found.data ?? []) : [];
  return (
    <section aria-labelledby={`${id}-heading`} className="panel flex flex-col gap-3">
      <h2 id={`${id}-heading`} className="text-xl font-bold">
        {t("cockpit.desk.heading")}
      </h2>
      {!checkInOpen && <p className="text-base text-muted">{t("cockpit.desk.closedNote")}</p>}
      <form role="search" onSubmit={(e) => e.preventDefault()}>
        <label htmlFor={`${id}-q`} className="field-label">
          {t("cockpit.desk.search")}
        </label>
        <input
          id={`${id}-q`}
          type="search"
          className="field-input"
          value={text}
          maxLength={40}
          autoComplete="off"
          onChange={(e) => setText(e.target.value)}
          aria-describedby={`${id}-hint`}
        />
        <p id={`${id}-hint`} className="mt-1 text-sm text-muted">
          {t("cockpit.desk.searchHint")}
        </p>
      </form>
      <div aria-live="polite" className="min-h-0">
        {message && (
          <p role={message.ok ? "status" : "alert"} className={message.ok ? "font-semibold text-green-900" : "field-error"}>
            {message.text}
          </p>
        )}
      </div>
      {valid && found.isSuccess && rows.length === 0 && <p className="text-base">{t("cockpit.desk.noMatch")}</p>}
      {found.isError && <p className="field-error">{errorText(found.error)}</p>}
      {rows.length > 0 && (
        <ul className="flex flex-col divide-y divide-stone-200" aria-label={t("cockpit.desk.resultsLabel")}>
          {rows.map((d) => (
            <li key={d.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <div className="min-w-0">
                <p className="text-lg font-semibold">{d.name}</p>
                <p className="text-sm text-muted">
                  {t("cockpit.desk.seat")} {d.seat} · {d.cardCode} · {d.delegationName}
                </p>
                {d.checkedInAt && (
                  <p className="text-sm font-semibold text-green-900">
                    ✓ {t("cockpit.desk.checkedInAt", { time: formatTime(d.checkedInAt, t, locale) })}
                  </p>
                )}
              </div>
              <button
                type="button"
                className="btn-secondary"
                disabled={clearDelay.isPending}
                aria-label={t("cockpit.desk.clearDelayFor", { name: d.name, seat: d.seat })}
                onClick={() => void onClearDelay(d)}
              >
                {t("cockpit.desk.clearDelay")}
              </button>
              {d.checkedInAt && openPoll && (
                <button
                  type="button"
                  className="btn-secondary"
                  disabled={issuePaper.isPending}
                  aria-label={t("cockpit.desk.issuePaperFor", { name: d.name, seat: d.seat, title: openPoll.title })}
                  onClick={() => void onIssuePaper(d, openPoll.id)}
                >
                  {t("cockpit.desk.issuePaper")}
                </button>
              )}
              {!d.checkedInAt && (
                <button
                  type="button"
                  className="btn-primary"
                  disabled={checkIn.isPending}
                  aria-label={t("cockpit.desk.checkInFor", { name: d.name, seat: d.seat })}
                  onClick={() => void onCheckIn(d)}
                >
                  {t("cockpit.desk.checkIn")}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
