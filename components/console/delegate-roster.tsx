"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";
import { useI18n } from "../i18n/i18n-provider";
import { useTRPC } from "../trpc/trpc-provider";
import { ConfirmDialog } from "./confirm-dialog";
import { FormStatus } from "./field";

type Delegate = { id: string; name: string; seat: string; cardCode: string; delegationName: string; phone: string | null; active: boolean };
type Pending = { kind: "reset" | "disable" | "enable"; delegate: Delegate };

/** A district roster is a few hundred names; past this, the clerk narrows the search. */
const MAX_SHOWN = 300;

/** The session's delegates with the secretariat's per-delegate actions: PIN reset, disable/enable, card reissue. */
export function DelegateRoster({ sessionId, initial }: { sessionId: string; initial: Delegate[] }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const delegates = useQuery(trpc.setup.delegates.queryOptions({ sessionId }, { initialData: initial }));
  const [query, setQuery] = useState("");
  const [pending, setPending] = useState<Pending | null>(null);
  const [newPin, setNewPin] = useState<{ name: string; pin: string } | null>(null);
  const [ok, setOk] = useState<string | null>(null);
  const resetPin = useMutation(trpc.setup.resetPin.mutationOptions());
  const setActive = useMutation(trpc.setup.setDelegateActive.mutationOptions());

  const all = delegates.data ?? [];
  const q = query.trim().toLowerCase();
  const found = q ? all.filter((d) => [d.name, d.seat, d.cardCode, d.delegationName].some((v) => v.toLowerCase().includes(q))) : all;
  const shown = found.slice(0, MAX_SHOWN);

  async function confirm() {
    if (!pending) return;
    const d = pending.delegate;
    setOk(null);
    if (pending.kind === "reset") {
      const { pin } = await resetPin.mutateAsync({ delegateId: d.id });
      setPending(null);
      setNewPin({ name: d.name, pin });
    } else {
      const active = pending.kind === "enable";
      await setActive.mutateAsync({ delegateId: d.id, active });
      setPending(null);
      setOk(t(active ? "console.roster.enabled" : "console.roster.disabled", { name: d.name }));
      await queryClient.invalidateQueries({ queryKey: trpc.setup.pathKey() });
    }
  }

  const dialogText = pending
    ? {
        reset: {
          title: t("console.roster.resetPinTitle", { name: pending.delegate.name }),
          body: t("console.roster.resetPinBody", { name: pending.delegate.name, cardCode: pending.delegate.cardCode }),
          label: t("console.roster.resetPin"),
        },
        disable: {
          title: t("console.roster.disableTitle", { name: pending.delegate.name }),
          body: t("console.roster.disableBody", { name: pending.delegate.name }),
          label: t("console.roster.disable"),
        },
        enable: {
          title: t("console.roster.enableTitle", { name: pending.delegate.name }),
          body: t("console.roster.enableBody", { name: pending.delegate.name }),
          label: t("console.roster.enable"),
        },
      }[pending.kind]
    : null;

  return (
    <section aria-labelledby={`${id}-heading`} className="panel flex flex-col gap-4">
      <h2 id={`${id}-heading`} className="text-xl font-bold">
        {t("console.roster.listHeading", { count: all.length })}
      </h2>
      <div className="sm:max-w-md">
        <label htmlFor={`${id}-search`} className="field-label">
          {t("console.roster.search")}
        </label>
        <p id={`${id}-search-hint`} className="mb-1 text-base text-muted">
          {t("console.roster.searchHint")}
        </p>
        <input
          id={`${id}-search`}
          type="search"
          className="field-input"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          aria-describedby={`${id}-search-hint`}
          autoComplete="off"
        />
      </div>
      <FormStatus ok={ok} />
      {delegates.isPending ? (
        <p>{t("common.loading")}</p>
      ) : all.length === 0 ? (
        <p>{t("console.roster.noDelegates")}</p>
      ) : found.length === 0 ? (
        <p>{t("console.roster.noMatch")}</p>
      ) : (
        <>
          {found.length > shown.length && (
            <p className="text-base">{t("console.roster.showingFirstDelegates", { total: found.length, shown: shown.length })}</p>
          )}
          <div className="overflow-x-auto">
            <table className="w-full min-w-[50rem] text-left text-base">
              <caption className="sr-only">{t("console.roster.listCaption")}</caption>
              <thead>
                <tr className="border-b-2 border-stone-300 whitespace-nowrap">
                  <th scope="col" className="py-2 pr-2">
                    {t("console.roster.delegation")}
                  </th>
                  <th scope="col" className="px-2 py-2">
                    {t("console.roster.seat")}
                  </th>
                  <th scope="col" className="px-2 py-2">
                    {t("console.roster.name")}
                  </th>
                  <th scope="col" className="px-2 py-2">
                    {t("console.roster.cardCode")}
                  </th>
                  <th scope="col" className="px-2 py-2">
                    {t("console.roster.phone")}
                  </th>
                  <th scope="col" className="px-2 py-2">
                    {t("console.roster.status")}
                  </th>
                  <th scope="col" className="px-2 py-2">
                    {t("console.roster.operations")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((d) => (
                  <tr key={d.id} className={`border-b border-stone-200 ${d.active ? "" : "bg-stone-100 text-muted"}`}>
                    <td className="py-2 pr-2">{d.delegationName}</td>
                    <td className="px-2 py-2 tabular-nums">{d.seat}</td>
                    <th scope="row" className="px-2 py-2 font-semibold">
                      {d.name}
                    </th>
                    <td className="px-2 py-2 font-mono">{d.cardCode}</td>
                    <td className="px-2 py-2 tabular-nums">{d.phone ?? ""}</td>
                    <td className="px-2 py-2">{d.active ? t("console.roster.active") : t("console.roster.inactive")}</td>
                    <td className="px-2 py-1">
                      <div className="flex flex-wrap gap-2">
                        <button
                          type="button"
                          className="btn-secondary min-h-10 px-3 text-base"
                          onClick={() => setPending({ kind: "reset", delegate: d })}
                          disabled={!d.active}
                        >
                          {t("console.roster.resetPin")}
                        </button>
                        {d.active ? (
                          <button
                            type="button"
                            className="btn-secondary min-h-10 border-red-800 px-3 text-base text-red-900 hover:bg-red-50"
                            onClick={() => setPending({ kind: "disable", delegate: d })}
                          >
                            {t("console.roster.disable")}
                          </button>
                        ) : (
                          <button
                            type="button"
                            className="btn-secondary min-h-10 px-3 text-base"
                            onClick={() => setPending({ kind: "enable", delegate: d })}
                          >
                            {t("console.roster.enable")}
                          </button>
                        )}
                        {d.active && (
                          <Link
                            href={`/secretariat/cards?session=${encodeURIComponent(sessionId)}&delegate=${encodeURIComponent(d.id)}`}
                            className="btn-secondary min-h-10 px-3 text-base"
                          >
                            {t("console.roster.reissueCard")}
                          </Link>
                        )}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <ConfirmDialog
        open={pending !== null}
        title={dialogText?.title ?? ""}
        body={dialogText?.body ?? ""}
        confirmLabel={dialogText?.label ?? ""}
        danger={pending?.kind !== "enable"}
        onCancel={() => setPending(null)}
        onConfirm={confirm}
      />
      <PinDialog shown={newPin} onDone={() => setNewPin(null)} />
    </section>
  );
}

/** The new PIN, once, in type large enough to read out or copy without mistakes. */
function PinDialog({ shown, onDone }: { shown: { name: string; pin: string } | null; onDone: () => void }) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (shown && !el.open) el.showModal();
    else if (!shown && el.open) el.close();
  }, [shown]);
  return (
    <dialog
      ref={dialog}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-hint`}
      className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-xl border-2 border-stone-300 bg-white p-0 text-ink shadow-xl backdrop:bg-black/50"
      onClose={onDone}
    >
      {shown && (
        <div className="flex flex-col gap-4 p-5">
          <h2 id={`${id}-title`} className="text-xl font-bold">
            {t("console.roster.newPinTitle", { name: shown.name })}
          </h2>
          <p className="text-center font-mono text-6xl font-bold tracking-[0.3em] tabular-nums" data-testid="new-pin">
            {shown.pin}
          </p>
          <p id={`${id}-hint`} className="text-lg">
            {t("console.roster.newPinHint")}
          </p>
          <div className="flex justify-end">
            <button type="button" className="btn-primary" onClick={onDone} autoFocus>
              {t("console.roster.newPinDone")}
            </button>
          </div>
        </div>
      )}
    </dialog>
  );
}
