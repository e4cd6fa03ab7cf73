"use client";

import { useQueries } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { formatStamp } from "~/lib/format";
import { ZAuditQueryInput, type TAuditPage } from "~/lib/schemas/accounts";
import { useI18n } from "../i18n/i18n-provider";
import { useTRPC } from "../trpc/trpc-provider";
import { useAppErrorMessage } from "../trpc/use-app-error";
import { Field, FormStatus } from "./field";

const PAGE_SIZE = 50;
const ACTION_PREFIXES = [
  "session.",
  "roster.",
  "credentials.",
  "delegate.",
  "candidate.",
  "slate.",
  "account.",
  "checkin.",
  "poll.",
  "paper.",
];
const ACTOR_TYPES = ["staff", "delegate", "system", "anonymous"] as const;

type Filters = { sessionId: string; actorId: string; action: string; from: string; to: string };
const NO_FILTERS: Filters = { sessionId: "", actorId: "", action: "", from: "", to: "" };

/** A datetime-local value is read as the congress's own time (Beijing), whatever the browser's zone. */
function asBeijing(local: string): string | undefined {
  return local ? `${local.length === 16 ? `${local}:00` : local}+08:00` : undefined;
}

function queryOf(f: Filters) {
  return {
    sessionId: f.sessionId || undefined,
    actorId: f.actorId.trim() || undefined,
    action: f.action.trim() || undefined,
    from: asBeijing(f.from),
    to: asBeijing(f.to),
  };
}

type Row = TAuditPage["rows"][number];

export function AuditLog({
  sessions,
  initialSessionId,
}: {
  sessions: { id: string; name: string; year: number }[];
  initialSessionId: string;
}) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const errorText = useAppErrorMessage();
  const id = useId();
  const [draft, setDraft] = useState<Filters>({ ...NO_FILTERS, sessionId: initialSessionId });
  const [applied, setApplied] = useState<Filters>(draft);
  const [formError, setFormError] = useState<string | null>(null);
  // Each "更早" adds a page that starts before the oldest entry shown so far.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);

  const base = queryOf(applied);
  const pages = useQueries({ queries: cursors.map((before) => trpc.accounts.audit.queryOptions({ ...base, before, limit: PAGE_SIZE })) });
  const rows = pages.flatMap((p) => p.data?.rows ?? []);
  const last = pages[pages.length - 1];
  const chain = pages[0]?.data?.chain;
  const loading = pages.some((p) => p.isPending);
  const failed = pages.find((p) => p.error)?.error;
  const more = last?.data && last.data.rows.length === PAGE_SIZE;

  const set = (field: keyof Filters) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [field]: e.target.value }));

  function apply(next: Filters) {
    setFormError(null);
    const q = queryOf(next);
    if (!ZAuditQueryInput.safeParse(q).success) return setFormError(t("console.form.invalid"));
    if (q.from && q.to && new Date(q.from) >= new Date(q.to)) return setFormError(t("console.audit.badRange"));
    setDraft(next);
    setApplied(next);
    setCursors([undefined]);
  }

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    apply(draft);
  }

  return (
    <div className="flex flex-col gap-6">
      <div aria-live="polite">
        {chain &&
          (chain.ok ? (
            <p
              className="rounded-xl border-4 border-green-700 bg-green-50 px-4 py-3 text-2xl font-bold text-green-900"
              data-testid="chain-status"
            >
              ✓ {t("console.audit.chainOk", { count: chain.count })}
            </p>
          ) : (
            <div role="alert" className="rounded-xl border-4 border-red-800 bg-red-50 px-4 py-3 text-red-900" data-testid="chain-status">
              <p className="text-2xl font-bold">✗ {t("console.audit.chainBroken", { seq: chain.brokenSeq ?? "?" })}</p>
              <p className="text-lg">{t("console.audit.chainBrokenHint")}</p>
            </div>
          ))}
      </div>

      <section aria-labelledby={`${id}-filters`} className="panel">
        <h2 id={`${id}-filters`} className="mb-3 text-xl font-bold">
          {t("console.audit.filtersHeading")}
        </h2>
        <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
          <div className="grid gap-4 md:grid-cols-2 lg:grid-cols-3">
            <Field id={`${id}-session`} label={t("console.audit.session")}>
              {(p) => (
                <select {...p} className="field-input" value={draft.sessionId} onChange={set("sessionId")}>
                  <option value="">{t("console.audit.allSessions")}</option>
                  {sessions.map((s) => (
                    <option key={s.id} value={s.id}>
                      {t("console.sessionPicker.option", { name: s.name, year: s.year })}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field id={`${id}-actor`} label={t("console.audit.actorId")} hint={t("console.audit.actorIdHint")}>
              {(p) => (
                <input
                  {...p}
                  className="field-input font-mono"
                  value={draft.actorId}
                  maxLength={64}
                  onChange={set("actorId")}
                  autoComplete="off"
                  spellCheck={false}
                />
              )}
            </Field>
            <Field id={`${id}-action`} label={t("console.audit.action")} hint={t("console.audit.actionHint")}>
              {(p) => (
                <input
                  {...p}
                  className="field-input font-mono"
                  value={draft.action}
                  maxLength={64}
                  onChange={set("action")}
                  list={`${id}-actions`}
                  autoComplete="off"
                  spellCheck={false}
                />
              )}
            </Field>
            <datalist id={`${id}-actions`}>
              {ACTION_PREFIXES.map((a) => (
                <option key={a} value={a} />
              ))}
            </datalist>
            <Field id={`${id}-from`} label={t("console.audit.from")}>
              {(p) => <input {...p} type="datetime-local" className="field-input" value={draft.from} onChange={set("from")} />}
            </Field>
            <Field id={`${id}-to`} label={t("console.audit.to")}>
              {(p) => <input {...p} type="datetime-local" className="field-input" value={draft.to} onChange={set("to")} />}
            </Field>
          </div>
          <FormStatus error={formError} />
          <div className="flex flex-wrap gap-3">
            <button type="submit" className="btn-primary">
              {t("console.audit.apply")}
            </button>
            <button type="button" className="btn-secondary" onClick={() => apply(NO_FILTERS)}>
              {t("console.audit.reset")}
            </button>
          </div>
        </form>
      </section>

      <section aria-labelledby={`${id}-log`} className="panel flex flex-col gap-3">
        <h2 id={`${id}-log`} className="text-xl font-bold">
          {t("console.audit.tableCaption")}
        </h2>
        <FormStatus error={failed ? errorText(failed) : null} />
        {rows.length === 0 && !loading ? (
          <p>{t("console.audit.empty")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full min-w-[52rem] text-left text-base">
              <caption className="sr-only">{t("console.audit.tableCaption")}</caption>
              <thead>
                <tr className="border-b-2 border-stone-300 whitespace-nowrap">
                  <th scope="col" className="py-2 pr-2 text-right">
                    {t("console.audit.seq")}
                  </th>
                  <th scope="col" className="px-2 py-2">
                    {t("common.beijingTime", { time: t("console.audit.at") })}
                  </th>
                  <th scope="col" className="px-2 py-2">
                    {t("console.audit.actor")}
                  </th>
                  <th scope="col" className="px-2 py-2">
                    {t("console.audit.actionColumn")}
                  </th>
                  <th scope="col" className="px-2 py-2">
                    {t("console.audit.entity")}
                  </th>
                  <th scope="col" className="px-2 py-2">
                    {t("console.audit.data")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <AuditRow key={r.seq} row={r} onActor={(actorId) => apply({ ...applied, actorId })} />
                ))}
              </tbody>
            </table>
          </div>
        )}
        {loading && <p>{t("common.loading")}</p>}
        {more ? (
          <div>
            <button
              type="button"
              className="btn-secondary"
              onClick={() => setCursors((c) => [...c, last.data!.rows[last.data!.rows.length - 1]!.seq])}
            >
              {t("console.audit.older")} ↓
            </button>
          </div>
        ) : (
          rows.length > 0 && !loading && <p className="text-base text-muted">{t("console.audit.end")}</p>
        )}
      </section>
    </div>
  );
}

function AuditRow({ row, onActor }: { row: Row; onActor: (actorId: string) => void }) {
  const { t, locale } = useI18n();
  const json = JSON.stringify(row.data ?? {});
  const actorType = (ACTOR_TYPES as readonly string[]).includes(row.actorType)
    ? t(`console.audit.actorTypes.${row.actorType as (typeof ACTOR_TYPES)[number]}`)
    : row.actorType;
  return (
    <tr className="border-b border-stone-200 align-top">
      <th scope="row" className="py-2 pr-2 text-right font-normal tabular-nums">
        {row.seq}
      </th>
      <td className="px-2 py-2 whitespace-nowrap tabular-nums">{formatStamp(row.at, locale, "seconds")}</td>
      <td className="px-2 py-2">
        <span className="block">{row.actorName ?? actorType}</span>
        {row.actorId && (
          <button
            type="button"
            className="min-h-8 text-left font-mono text-sm text-brand-dark underline underline-offset-2"
            title={t("console.audit.filterActor")}
            aria-label={t("console.audit.filterActorFor", { name: row.actorName ?? row.actorId })}
            onClick={() => onActor(row.actorId!)}
          >
            {actorType} · {row.actorId.slice(0, 8)}
          </button>
        )}
      </td>
      <td className="px-2 py-2 font-mono text-sm">{row.action}</td>
      <td className="px-2 py-2 text-sm">
        <span className="block">{row.entityType}</span>
        {row.entityId && (
          <span className="block font-mono text-muted" title={row.entityId}>
            {row.entityId.slice(0, 8)}
          </span>
        )}
      </td>
      <td className="max-w-md px-2 py-2 font-mono text-sm break-all">
        {json.length > 80 ? (
          <details>
            <summary className="cursor-pointer">{json.slice(0, 80)}…</summary>
            <pre className="whitespace-pre-wrap">{JSON.stringify(row.data, null, 2)}</pre>
          </details>
        ) : (
          json
        )}
      </td>
    </tr>
  );
}
