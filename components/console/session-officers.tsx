"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useMemo, useState } from "react";
import type { TSessionSetup } from "~/lib/schemas/session-setup";
import { useI18n } from "../i18n/i18n-provider";
import { useTRPC } from "../trpc/trpc-provider";
import { useAppErrorMessage } from "../trpc/use-app-error";
import { Field, FormStatus } from "./field";

// The session's officers: scrutineers (监票人, delegates) and tally clerks (计票人, staff).

/** Delegate search results are capped: a district roster has hundreds of names. */
const MAX_MATCHES = 30;

type DelegateRow = { id: string; name: string; seat: string; cardCode: string; delegationName: string; active: boolean };

function matches(d: DelegateRow, query: string): boolean {
  const q = query.trim().toLowerCase();
  return !q || [d.name, d.seat, d.cardCode, d.delegationName].some((v) => v.toLowerCase().includes(q));
}

export function Scrutineers({ setup }: { setup: TSessionSetup }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useAppErrorMessage();
  const id = useId();
  const delegates = useQuery(trpc.setup.delegates.queryOptions({ sessionId: setup.id }));
  const [query, setQuery] = useState("");
  const [selected, setSelected] = useState<Set<string>>(() => new Set(setup.scrutineers.map((s) => s.id)));
  const [ok, setOk] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const save = useMutation(trpc.setup.setScrutineers.mutationOptions());

  const active = useMemo(() => (delegates.data ?? []).filter((d) => d.active), [delegates.data]);
  // The current scrutineers are known before the roster has loaded: show them at once.
  const known = useMemo(
    () =>
      new Map<string, DelegateRow>([
        ...setup.scrutineers.map((s) => [s.id, { ...s, cardCode: "", active: true }] as const),
        ...active.map((d) => [d.id, d] as const),
      ]),
    [setup.scrutineers, active],
  );
  const chosen = [...selected].flatMap((id) => known.get(id) ?? []);
  const found = query.trim() ? active.filter((d) => !selected.has(d.id) && matches(d, query)) : [];

  function toggle(delegateId: string, on: boolean) {
    setOk(null);
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(delegateId);
      else next.delete(delegateId);
      return next;
    });
  }

  async function onSave() {
    setOk(null);
    setError(null);
    try {
      await save.mutateAsync({ sessionId: setup.id, delegateIds: [...selected] });
      setOk(t("console.setup.scrutineersSaved"));
      await queryClient.invalidateQueries({ queryKey: trpc.setup.session.queryKey({ sessionId: setup.id }) });
    } catch (err) {
      setError(errorText(err));
    }
  }

  const option = (d: DelegateRow) => (
    <li key={d.id}>
      <label className="flex min-h-11 cursor-pointer items-center gap-3 rounded-lg px-2 hover:bg-stone-100">
        <input type="checkbox" className="size-5 shrink-0" checked={selected.has(d.id)} onChange={(e) => toggle(d.id, e.target.checked)} />
        <span>{t("console.setup.delegateOption", { name: d.name, delegation: d.delegationName, seat: d.seat })}</span>
      </label>
    </li>
  );

  return (
    <section aria-labelledby={`${id}-heading`} className="panel flex flex-col gap-4">
      <div>
        <h2 id={`${id}-heading`} className="text-xl font-bold">
          {t("console.setup.scrutineersHeading")}
        </h2>
        <p className="text-base text-muted">{t("console.setup.scrutineersHint")}</p>
      </div>
      <p className="text-lg">
        {setup.scrutineers.length > 0
          ? t("console.setup.scrutineersCurrent", { names: setup.scrutineers.map((s) => s.name).join(t("console.roster.listSeparator")) })
          : t("console.setup.scrutineersNone")}
      </p>
      <fieldset className="flex flex-col gap-3">
        <legend className="field-label">{t("console.setup.selectedCount", { count: selected.size })}</legend>
        {chosen.length > 0 && <ul className="flex flex-col">{chosen.map(option)}</ul>}
        <Field
          id={`${id}-search`}
          label={t("console.setup.searchDelegates")}
          hint={t("console.setup.searchDelegatesHint")}
          className="sm:max-w-md"
        >
          {(p) => (
            <input
              {...p}
              type="search"
              className="field-input"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              autoComplete="off"
            />
          )}
        </Field>
        {query.trim() !== "" && (
          <div aria-live="polite">
            {found.length === 0 ? (
              <p>{t("console.setup.noMatch")}</p>
            ) : (
              <>
                <p className="sr-only">{t("console.setup.searchResults")}</p>
                {found.length > MAX_MATCHES && (
                  <p className="text-base text-muted">{t("console.setup.tooManyResults", { count: MAX_MATCHES })}</p>
                )}
                <ul className="flex max-h-80 flex-col overflow-y-auto rounded-lg border border-stone-300">
                  {found.slice(0, MAX_MATCHES).map(option)}
                </ul>
              </>
            )}
          </div>
        )}
      </fieldset>
      <div>
        <button type="button" className="btn-primary" onClick={onSave} disabled={save.isPending}>
          {save.isPending ? t("console.form.saving") : t("console.setup.saveScrutineers")}
        </button>
      </div>
      <FormStatus ok={ok} error={error} />
    </section>
  );
}

export function Clerks({ setup }: { setup: TSessionSetup }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useAppErrorMessage();
  const id = useId();
  const [selected, setSelected] = useState<Set<string>>(() => new Set(setup.clerks.map((c) => c.id)));
  const [ok, setOk] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const save = useMutation(trpc.setup.setClerks.mutationOptions());

  async function onSave() {
    setOk(null);
    setError(null);
    try {
      await save.mutateAsync({ sessionId: setup.id, staffIds: [...selected] });
      setOk(t("console.setup.clerksSaved"));
      await queryClient.invalidateQueries({ queryKey: trpc.setup.session.queryKey({ sessionId: setup.id }) });
    } catch (err) {
      setError(errorText(err));
    }
  }

  return (
    <section aria-labelledby={`${id}-heading`} className="panel flex flex-col gap-4">
      <div>
        <h2 id={`${id}-heading`} className="text-xl font-bold">
          {t("console.setup.clerksHeading")}
        </h2>
        <p className="text-base text-muted">{t("console.setup.clerksHint")}</p>
      </div>
      {setup.availableClerks.length === 0 ? (
        <p>{t("console.setup.clerksNone")}</p>
      ) : (
        <>
          <fieldset>
            <legend className="field-label">{t("console.setup.selectedCount", { count: selected.size })}</legend>
            <ul className="flex flex-col">
              {setup.availableClerks.map((c) => (
                <li key={c.id}>
                  <label className="flex min-h-11 cursor-pointer items-center gap-3 rounded-lg px-2 hover:bg-stone-100">
                    <input
                      type="checkbox"
                      className="size-5 shrink-0"
                      checked={selected.has(c.id)}
                      onChange={(e) => {
                        setOk(null);
                        setSelected((prev) => {
                          const next = new Set(prev);
                          if (e.target.checked) next.add(c.id);
                          else next.delete(c.id);
                          return next;
                        });
                      }}
                    />
                    <span>{t("console.setup.clerkOption", { name: c.displayName, username: c.username })}</span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <div>
            <button type="button" className="btn-primary" onClick={onSave} disabled={save.isPending}>
              {save.isPending ? t("console.form.saving") : t("console.setup.saveClerks")}
            </button>
          </div>
        </>
      )}
      <FormStatus ok={ok} error={error} />
    </section>
  );
}
