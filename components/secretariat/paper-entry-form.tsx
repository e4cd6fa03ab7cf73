"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, type FormEvent } from "react";
import { ZPaperEntryInput, type TChoice, type TPaperStatus, type TPollCandidate } from "~/lib/schemas/vote";
import { useI18n } from "../i18n/i18n-provider";
import { useTRPC } from "../trpc/trpc-provider";
import { useAppErrorMessage } from "../trpc/use-app-error";

type Mark = TChoice | "BLANK";
const MARKS: Mark[] = ["FOR", "AGAINST", "ABSTAIN", "BLANK"];

export interface PaperPoll {
  id: string;
  title: string;
  kind: "EQUAL" | "COMPETITIVE";
  seats: number;
  candidates: TPollCandidate[];
}

const blankMarks = (candidates: TPollCandidate[]) => Object.fromEntries(candidates.map((c) => [c.id, "BLANK" as Mark]));

/**
 * A clerk types one paper ballot exactly as marked — including a 差额 ballot with too many
 * 赞成, which the tally then counts as invalid (废票). Two clerks enter each serial; only
 * matching entries become a ballot, so the form never "corrects" what it is given.
 */
export function PaperEntryForm({ poll, initialStatus }: { poll: PaperPoll; initialStatus: TPaperStatus }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useAppErrorMessage();
  const id = useId();
  const serialRef = useRef<HTMLInputElement>(null);
  const [serial, setSerial] = useState("");
  const [marks, setMarks] = useState<Record<string, Mark>>(() => blankMarks(poll.candidates));
  const [serialError, setSerialError] = useState<string | null>(null);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const status = useQuery({
    ...trpc.clerk.paperStatus.queryOptions({ pollId: poll.id }),
    initialData: initialStatus,
    refetchInterval: 5_000,
  }).data;
  const enter = useMutation(trpc.clerk.enterPaper.mutationOptions());

  const forCount = Object.values(marks).filter((m) => m === "FOR").length;
  const overLimit = poll.kind === "COMPETITIVE" && forCount > poll.seats;

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setResult(null);
    const choices = Object.fromEntries(Object.entries(marks).filter(([, m]) => m !== "BLANK")) as Record<string, TChoice>;
    const parsed = ZPaperEntryInput.safeParse({ pollId: poll.id, serial, choices });
    if (!parsed.success) {
      setSerialError(t("paper.serialError"));
      serialRef.current?.focus();
      return;
    }
    setSerialError(null);
    try {
      const res = await enter.mutateAsync(parsed.data);
      setResult({
        ok: true,
        text: res.matched ? t("paper.matched", { serial: parsed.data.serial }) : t("paper.pending", { serial: parsed.data.serial }),
      });
      // Ready for the next sheet.
      setSerial("");
      setMarks(blankMarks(poll.candidates));
      serialRef.current?.focus();
      await queryClient.invalidateQueries({ queryKey: trpc.clerk.paperStatus.pathKey() });
    } catch (err) {
      setResult({ ok: false, text: errorText(err) });
    }
  }

  return (
    <div className="grid gap-6 lg:grid-cols-3">
      <form onSubmit={onSubmit} noValidate className="panel flex flex-col gap-4 lg:col-span-2" aria-labelledby={`${id}-heading`}>
        <h2 id={`${id}-heading`} className="text-xl font-bold">
          {t("paper.formHeading")}
        </h2>
        <div>
          <label htmlFor={`${id}-serial`} className="field-label">
            {t("paper.serial")}
          </label>
          <input
            ref={serialRef}
            id={`${id}-serial`}
            className="field-input max-w-xs font-mono uppercase"
            value={serial}
            maxLength={20}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            onChange={(e) => setSerial(e.target.value)}
            aria-invalid={serialError ? true : undefined}
            aria-describedby={`${id}-serial-hint${serialError ? ` ${id}-serial-error` : ""}`}
          />
          <p id={`${id}-serial-hint`} className="mt-1 text-sm text-muted">
            {t("paper.serialHint")}
          </p>
          {serialError && (
            <p id={`${id}-serial-error`} className="field-error">
              {serialError}
            </p>
          )}
        </div>

        <ol className="flex flex-col gap-3">
          {poll.candidates.map((c) => (
            <li key={c.id}>
              <fieldset className="rounded-lg border border-stone-300 p-3">
                <legend className="px-1 text-lg font-semibold">
                  <span className="tabular-nums">{c.position}.</span> {c.title}
                </legend>
                <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
                  {MARKS.map((m) => (
                    <label
                      key={m}
                      className="flex min-h-11 cursor-pointer items-center gap-2 rounded-lg border-2 border-stone-300 px-3 has-[:checked]:border-ink has-[:checked]:bg-stone-200 has-[:checked]:font-bold"
                    >
                      <input
                        type="radio"
                        name={`${id}-${c.id}`}
                        value={m}
                        className="size-5 shrink-0"
                        checked={marks[c.id] === m}
                        onChange={() => setMarks((prev) => ({ ...prev, [c.id]: m }))}
                      />
                      {t(`paper.mark.${m}`)}
                    </label>
                  ))}
                </div>
              </fieldset>
            </li>
          ))}
        </ol>

        {poll.kind === "COMPETITIVE" && (
          <p
            className={overLimit ? "rounded-lg border-2 border-amber-700 bg-amber-50 p-3 font-semibold" : "text-base text-muted"}
            role={overLimit ? "status" : undefined}
          >
            {overLimit
              ? t("paper.tooManyFor", { count: forCount, seats: poll.seats })
              : t("paper.forCount", { count: forCount, seats: poll.seats })}
          </p>
        )}
        <div aria-live="polite">
          {result && (
            <p role={result.ok ? "status" : "alert"} className={result.ok ? "text-lg font-semibold text-green-900" : "field-error"}>
              {result.text}
            </p>
          )}
        </div>
        <button type="submit" className="btn-primary self-start" disabled={enter.isPending}>
          {enter.isPending ? t("paper.submitting") : t("paper.submit")}
        </button>
      </form>

      <section aria-labelledby={`${id}-status`} className="panel flex flex-col gap-3 self-start">
        <h2 id={`${id}-status`} className="text-xl font-bold">
          {t("paper.status.heading")}
        </h2>
        <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4">
          <div>
            <dt className="text-sm text-muted">{t("paper.status.issued")}</dt>
            <dd className="text-3xl font-bold tabular-nums">{status.issued}</dd>
          </div>
          <div>
            <dt className="text-sm text-muted">{t("paper.status.matched")}</dt>
            <dd className="text-3xl font-bold tabular-nums">{status.matched}</dd>
          </div>
          <div>
            <dt className="text-sm text-muted">{t("paper.status.pending")}</dt>
            <dd className="text-3xl font-bold tabular-nums">{status.pending.length}</dd>
          </div>
          <div>
            <dt className="text-sm text-muted">{t("paper.status.mismatched")}</dt>
            <dd className={`text-3xl font-bold tabular-nums ${status.mismatched.length ? "text-red-800" : ""}`}>
              {status.mismatched.length}
            </dd>
          </div>
        </dl>
        {status.mismatched.length > 0 && (
          <div>
            <h3 className="font-bold text-red-800">{t("paper.status.mismatchedList")}</h3>
            <ul className="mt-1 text-base">
              {status.mismatched.map((m) => (
                <li key={m.serial}>
                  <span className="font-mono">{m.serial}</span> · {m.clerks.join(t("results.listSeparator"))}
                </li>
              ))}
            </ul>
          </div>
        )}
        {status.pending.length > 0 && (
          <div>
            <h3 className="font-bold">{t("paper.status.pendingList")}</h3>
            <ul className="mt-1 text-base">
              {status.pending.map((p) => (
                <li key={p.serial}>
                  <span className="font-mono">{p.serial}</span> · {p.clerkName}
                </li>
              ))}
            </ul>
          </div>
        )}
        <FinishPaperEntry pollId={poll.id} complete={status.pending.length === 0 && status.mismatched.length === 0} />
      </section>
    </div>
  );
}

/**
 * 录入完毕: the count (phone and paper together) comes into being only now, so the button
 * asks twice. Refused while any ballot is entered once or the two entries differ.
 */
function FinishPaperEntry({ pollId, complete }: { pollId: string; complete: boolean }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const errorText = useAppErrorMessage();
  const [confirming, setConfirming] = useState(false);
  const finish = useMutation(trpc.clerk.finishPaper.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <div className="flex flex-col gap-2 border-t border-stone-200 pt-3">
      <p className="text-base">{t(complete ? "paper.finish.ready" : "paper.finish.notReady")}</p>
      {confirming ? (
        <>
          <p className="font-semibold">{t("paper.finish.confirmText")}</p>
          <button type="button" className="btn-primary" disabled={finish.isPending} onClick={() => finish.mutate({ pollId })}>
            {finish.isPending ? t("paper.finish.finishing") : t("paper.finish.confirm")}
          </button>
          <button type="button" className="btn-secondary" onClick={() => setConfirming(false)}>
            {t("common.cancel")}
          </button>
        </>
      ) : (
        <button type="button" className="btn-secondary" disabled={!complete} onClick={() => setConfirming(true)}>
          {t("paper.finish.button")}
        </button>
      )}
      {finish.isError && (
        <p role="alert" className="field-error">
          {errorText(finish.error)}
        </p>
      )}
    </div>
  );
}
