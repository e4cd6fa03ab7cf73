"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useRouter } from "next/navigation";
import { useId, useMemo, useState, type FormEvent } from "react";
import { ZAddDelegationInput, ZCreateSessionInput, type TSessionSetup } from "~/lib/schemas/session-setup";
import { useI18n } from "../i18n/i18n-provider";
import { useTRPC } from "../trpc/trpc-provider";
import { useAppErrorMessage } from "../trpc/use-app-error";
import { Field, FormStatus } from "./field";
import { fieldMessages, issuesFromServer, issuesFromZod } from "./form-issues";

/** Delegate search results are capped: a district roster has hundreds of names. */
const MAX_MATCHES = 30;

function appCode(error: unknown): string | undefined {
  return error instanceof TRPCClientError ? (error.data as { appCode?: string } | undefined)?.appCode : undefined;
}

export function SessionSetup({ congresses, initial }: { congresses: { id: string; name: string }[]; initial: TSessionSetup | null }) {
  return (
    <div className="flex flex-col gap-6">
      {/* Keyed by session: switching sessions starts the pickers afresh. */}
      {initial && <SessionDetails key={initial.id} initial={initial} />}
      <CreateSessionForm congresses={congresses} />
    </div>
  );
}

function SessionDetails({ initial }: { initial: TSessionSetup }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const setup = useQuery(trpc.setup.session.queryOptions({ sessionId: initial.id }, { initialData: initial })).data ?? initial;
  return (
    <>
      <section aria-labelledby="setup-summary" className="panel">
        <h2 id="setup-summary" className="mb-3 text-xl font-bold">
          {t("console.setup.summaryHeading")}
        </h2>
        <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
          <dt className="font-semibold">{t("console.setup.congress")}</dt>
          <dd>{setup.congressName}</dd>
          <dt className="font-semibold">{t("console.setup.name")}</dt>
          <dd>{setup.name}</dd>
          <dt className="font-semibold">{t("console.setup.year")}</dt>
          <dd className="tabular-nums">{setup.year}</dd>
          <dt className="font-semibold">{t("console.setup.startsOn")}</dt>
          <dd className="tabular-nums">{setup.startsOn}</dd>
          <dt className="font-semibold">{t("console.setup.seated")}</dt>
          <dd>
            <span className="text-2xl font-bold tabular-nums" data-testid="seated-count">
              {t("console.setup.seatedValue", { count: setup.seated })}
            </span>
            <span className="block text-base text-muted">{t("console.setup.seatedHint")}</span>
          </dd>
        </dl>
      </section>
      <Delegations setup={setup} />
      <Scrutineers setup={setup} />
      <Clerks setup={setup} />
    </>
  );
}

function Delegations({ setup }: { setup: TSessionSetup }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useAppErrorMessage();
  const id = useId();
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [ok, setOk] = useState<string | null>(null);
  const add = useMutation(trpc.setup.addDelegation.mutationOptions());

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setOk(null);
    const parsed = ZAddDelegationInput.safeParse({ sessionId: setup.id, name });
    if (!parsed.success) {
      setError(fieldMessages(t, issuesFromZod(parsed.error), ["name"], { name }).byField.name ?? t("console.form.invalid"));
      return;
    }
    setError(null);
    try {
      await add.mutateAsync(parsed.data);
      setOk(t("console.setup.delegationAdded", { name: parsed.data.name }));
      setName("");
      await queryClient.invalidateQueries({ queryKey: trpc.setup.session.queryKey({ sessionId: setup.id }) });
    } catch (err) {
      setError(appCode(err) === "CONFLICT" ? t("console.setup.delegationExists") : errorText(err));
    }
  }

  return (
    <section aria-labelledby={`${id}-heading`} className="panel flex flex-col gap-4">
      <h2 id={`${id}-heading`} className="text-xl font-bold">
        {t("console.setup.delegationsHeading", { count: setup.delegations.length })}
      </h2>
      {setup.delegations.length === 0 ? (
        <p>{t("console.setup.noDelegations")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-base">
            <thead>
              <tr className="border-b-2 border-stone-300">
                <th scope="col" className="py-2">
                  {t("console.setup.delegationName")}
                </th>
                <th scope="col" className="py-2 text-right">
                  {t("console.setup.members")}
                </th>
              </tr>
            </thead>
            <tbody>
              {setup.delegations.map((d) => (
                <tr key={d.id} className="border-b border-stone-200">
                  <th scope="row" className="py-2 font-normal">
                    {d.name}
                  </th>
                  <td className="py-2 text-right tabular-nums">{d.members}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form onSubmit={onSubmit} noValidate className="flex flex-wrap items-end gap-3">
        <Field
          id={`${id}-name`}
          label={t("console.setup.addDelegationLabel")}
          error={error ?? undefined}
          className="min-w-0 flex-1 sm:max-w-sm"
        >
          {(p) => <input {...p} className="field-input" value={name} maxLength={50} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <button type="submit" className="btn-secondary" disabled={add.isPending}>
          {t("console.setup.addDelegation")}
        </button>
      </form>
      <FormStatus ok={ok} />
    </section>
  );
}

type DelegateRow = { id: string; name: string; seat: string; cardCode: string; delegationName: string; active: boolean };

function matches(d: DelegateRow, query: string): boolean {
  const q = query.trim().toLowerCase();
  return !q || [d.name, d.seat, d.cardCode, d.delegationName].some((v) => v.toLowerCase().includes(q));
}

function Scrutineers({ setup }: { setup: TSessionSetup }) {
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

function Clerks({ setup }: { setup: TSessionSetup }) {
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

const CREATE_FIELDS = ["congressId", "name", "year", "startsOn", "delegations"] as const;
type CreateField = (typeof CREATE_FIELDS)[number];

function CreateSessionForm({ congresses }: { congresses: { id: string; name: string }[] }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const errorText = useAppErrorMessage();
  const id = useId();
  const [values, setValues] = useState({
    congressId: congresses[0]?.id ?? "",
    name: "",
    year: String(new Date().getFullYear()),
    startsOn: "",
    delegations: "",
  });
  const [errors, setErrors] = useState<Partial<Record<CreateField, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [ok, setOk] = useState<string | null>(null);
  const create = useMutation(trpc.setup.createSession.mutationOptions());

  const set = (field: CreateField) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: e.target.value }));

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setOk(null);
    setFormError(null);
    const input = {
      congressId: values.congressId,
      name: values.name,
      year: values.year.trim() === "" ? Number.NaN : Number(values.year),
      startsOn: values.startsOn,
      delegations: values.delegations
        .split("\n")
        .map((l) => l.trim())
        .filter(Boolean),
    };
    const parsed = ZCreateSessionInput.safeParse(input);
    const show = (issues: Parameters<typeof fieldMessages>[1]) => {
      const { byField, unplaced } = fieldMessages(t, issues, CREATE_FIELDS, values, (field) =>
        field === "year" ? t("console.form.year") : null,
      );
      setErrors(byField);
      setFormError(unplaced || Object.keys(byField).length === 0 ? t("console.form.fixErrors") : null);
    };
    if (!parsed.success) return show(issuesFromZod(parsed.error));
    setErrors({});
    try {
      const { id: sessionId } = await create.mutateAsync(parsed.data);
      setOk(t("console.setup.created", { name: parsed.data.name }));
      setValues((v) => ({ ...v, name: "", startsOn: "", delegations: "" }));
      await queryClient.invalidateQueries({ queryKey: trpc.setup.pathKey() });
      router.push(`/secretariat/setup?session=${encodeURIComponent(sessionId)}`);
      router.refresh();
    } catch (err) {
      const issues = issuesFromServer(err);
      if (issues) return show(issues);
      if (appCode(err) === "CONFLICT") setErrors({ name: t("console.setup.sessionExists") });
      else setFormError(errorText(err));
    }
  }

  return (
    <section aria-labelledby={`${id}-heading`} className="panel">
      <h2 id={`${id}-heading`} className="text-xl font-bold">
        {t("console.setup.createHeading")}
      </h2>
      <p className="mb-4 text-base text-muted">{t("console.setup.createHint")}</p>
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
        <Field id={`${id}-congress`} label={t("console.setup.congressLabel")} error={errors.congressId}>
          {(p) => (
            <select {...p} className="field-input" value={values.congressId} onChange={set("congressId")}>
              {congresses.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={`${id}-name`} label={t("console.setup.nameLabel")} error={errors.name}>
          {(p) => <input {...p} className="field-input" value={values.name} maxLength={100} onChange={set("name")} />}
        </Field>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id={`${id}-year`} label={t("console.setup.yearLabel")} error={errors.year}>
            {(p) => <input {...p} className="field-input" inputMode="numeric" value={values.year} maxLength={4} onChange={set("year")} />}
          </Field>
          <Field id={`${id}-starts`} label={t("console.setup.startsOnLabel")} error={errors.startsOn}>
            {(p) => <input {...p} type="date" className="field-input" value={values.startsOn} onChange={set("startsOn")} />}
          </Field>
        </div>
        <Field id={`${id}-delegations`} label={t("console.setup.delegationsLabel")} error={errors.delegations}>
          {(p) => <textarea {...p} className="field-input" rows={5} value={values.delegations} onChange={set("delegations")} />}
        </Field>
        <FormStatus ok={ok} error={formError} />
        <div>
          <button type="submit" className="btn-primary" disabled={create.isPending}>
            {create.isPending ? t("console.form.saving") : t("console.setup.create")}
          </button>
        </div>
      </form>
    </section>
  );
}
