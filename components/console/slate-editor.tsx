"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useMemo, useState, type FormEvent } from "react";
import { formatWan } from "~/lib/format";
import { ZCreateCandidateInput, ZUpdateCandidateInput, type TSlateCandidate } from "~/lib/schemas/console";
import { useI18n } from "../i18n/i18n-provider";
import { ConfirmAction } from "../secretariat/confirm-action";
import { useTRPC } from "../trpc/trpc-provider";
import { useAppErrorMessage } from "../trpc/use-app-error";
import { Field, FormStatus } from "./field";
import { fieldMessages, issuesFromServer, issuesFromZod, type FieldIssue } from "./form-issues";

type Option = { id: string; name: string };

const FIELDS = ["title", "category", "summary", "departmentId", "budgetWan", "location", "targets", "deadline", "suggestionIds"] as const;
type FieldName = (typeof FIELDS)[number];
type Values = { [K in Exclude<FieldName, "suggestionIds">]: string } & { suggestionIds: string[] };

const EMPTY: Values = {
  title: "",
  category: "",
  summary: "",
  departmentId: "",
  budgetWan: "",
  location: "",
  targets: "",
  deadline: "",
  suggestionIds: [],
};
/** Past this many, the suggestion picker asks for a filter instead of drawing every box. */
const MAX_SUGGESTIONS_SHOWN = 150;

function valuesOf(c: TSlateCandidate): Values {
  return {
    title: c.title,
    category: c.category,
    summary: c.summary,
    departmentId: c.departmentId,
    budgetWan: c.budgetWan,
    location: c.location,
    targets: c.targets,
    deadline: c.deadline,
    suggestionIds: [...c.suggestionIds],
  };
}

export function SlateEditor({
  sessionId,
  initialSlate,
  departments,
  suggestions,
}: {
  sessionId: string;
  initialSlate: TSlateCandidate[];
  departments: Option[];
  suggestions: Option[];
}) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useAppErrorMessage();
  const listKey = trpc.slate.list.queryKey({ sessionId });
  const slate = useQuery(trpc.slate.list.queryOptions({ sessionId }, { initialData: initialSlate })).data ?? initialSlate;
  const reorder = useMutation(trpc.slate.reorder.mutationOptions());
  const remove = useMutation(trpc.slate.delete.mutationOptions());
  const [editing, setEditing] = useState<string | null>(null);
  const [status, setStatus] = useState<{ ok?: string; error?: string } | null>(null);
  const categories = useMemo(() => [...new Set(slate.map((c) => c.category))], [slate]);

  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.slate.list.queryKey({ sessionId }) });

  async function move(index: number, delta: -1 | 1) {
    const ids = slate.map((c) => c.id);
    const other = index + delta;
    if (other < 0 || other >= ids.length) return;
    [ids[index], ids[other]] = [ids[other]!, ids[index]!];
    setStatus(null);
    // Show the new order at once; the server's answer (or a refusal) settles it.
    const byId = new Map(slate.map((c) => [c.id, c]));
    queryClient.setQueryData(
      listKey,
      ids.map((id, i) => ({ ...byId.get(id)!, sortOrder: i + 1 })),
    );
    try {
      await reorder.mutateAsync({ sessionId, candidateIds: ids });
      setStatus({ ok: t("console.slate.reordered") });
    } catch (err) {
      setStatus({ error: errorText(err) });
    } finally {
      await refresh();
    }
  }

  return (
    <div className="flex flex-col gap-6">
      <section aria-labelledby="slate-list" className="panel flex flex-col gap-3">
        <h2 id="slate-list" className="text-xl font-bold">
          {t("console.slate.listHeading", { count: slate.length })}
        </h2>
        <FormStatus ok={status?.ok} error={status?.error} />
        {slate.length === 0 ? (
          <p>{t("console.slate.empty")}</p>
        ) : (
          <ol className="flex flex-col divide-y divide-stone-200" aria-label={t("console.slate.listCaption")}>
            {slate.map((c, i) => (
              <li key={c.id} className="flex flex-col gap-3 py-3" data-testid="slate-item">
                <div className="flex flex-wrap items-start justify-between gap-3">
                  <div className="min-w-0 flex-1">
                    <p className="text-base text-muted">{t("console.slate.position", { n: i + 1 })}</p>
                    <h3 className="text-lg font-bold">{c.title}</h3>
                    <p className="text-base">
                      {t("console.slate.summaryLine", {
                        category: c.category,
                        unit: c.unitName,
                        budget: t("common.wan", { amount: formatWan(c.budgetWan, locale) }),
                        deadline: c.deadline,
                      })}
                    </p>
                    {c.inPolls > 0 && (
                      <p className="mt-1 inline-block rounded-md border border-amber-700 bg-amber-50 px-2 py-0.5 text-base font-semibold text-amber-950">
                        {t("console.slate.inPolls", { count: c.inPolls })}
                      </p>
                    )}
                  </div>
                  <div className="flex flex-wrap gap-2">
                    <button
                      type="button"
                      className="btn-secondary px-3"
                      onClick={() => move(i, -1)}
                      disabled={i === 0 || reorder.isPending}
                      aria-label={t("console.slate.moveUpLabel", { title: c.title })}
                    >
                      ↑ <span aria-hidden="true">{t("console.slate.moveUp")}</span>
                    </button>
                    <button
                      type="button"
                      className="btn-secondary px-3"
                      onClick={() => move(i, 1)}
                      disabled={i === slate.length - 1 || reorder.isPending}
                      aria-label={t("console.slate.moveDownLabel", { title: c.title })}
                    >
                      ↓ <span aria-hidden="true">{t("console.slate.moveDown")}</span>
                    </button>
                    <button
                      type="button"
                      className="btn-secondary px-3"
                      aria-expanded={editing === c.id}
                      aria-controls={`edit-${c.id}`}
                      aria-label={editing === c.id ? undefined : t("console.slate.editLabel", { title: c.title })}
                      onClick={() => setEditing(editing === c.id ? null : c.id)}
                    >
                      {editing === c.id ? t("console.slate.closeEdit") : t("console.slate.edit")}
                    </button>
                    {c.inPolls === 0 && (
                      <ConfirmAction
                        label={t("console.slate.delete")}
                        title={t("console.slate.deleteTitle", { title: c.title })}
                        body={t("console.slate.deleteBody")}
                        danger
                        onConfirm={async () => {
                          await remove.mutateAsync({ id: c.id });
                          setStatus({ ok: t("console.slate.deleted", { title: c.title }) });
                          if (editing === c.id) setEditing(null);
                          await refresh();
                        }}
                      />
                    )}
                  </div>
                </div>
                {editing === c.id && (
                  <div id={`edit-${c.id}`} className="rounded-lg border-2 border-stone-300 p-3">
                    <h4 className="mb-2 text-lg font-bold">{t("console.slate.editHeading", { title: c.title })}</h4>
                    {c.inPolls > 0 && <p className="mb-3 text-base font-semibold text-amber-950">{t("console.slate.frozenNote")}</p>}
                    <CandidateForm
                      mode={{ kind: "update", id: c.id }}
                      initial={valuesOf(c)}
                      departments={departments}
                      suggestions={suggestions}
                      categories={categories}
                      onSaved={async (title) => {
                        setEditing(null);
                        setStatus({ ok: t("console.slate.updated", { title }) });
                        await refresh();
                      }}
                    />
                  </div>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="slate-create" className="panel">
        <h2 id="slate-create" className="mb-3 text-xl font-bold">
          {t("console.slate.createHeading")}
        </h2>
        <CandidateForm
          mode={{ kind: "create", sessionId }}
          initial={EMPTY}
          departments={departments}
          suggestions={suggestions}
          categories={categories}
          onSaved={refresh}
        />
      </section>
    </div>
  );
}

/**
 * Every field of a candidate, checked here with the same zod schema the server checks with;
 * what the clerk typed stays in the form whatever the answer.
 */
function CandidateForm({
  mode,
  initial,
  departments,
  suggestions,
  categories,
  onSaved,
}: {
  mode: { kind: "create"; sessionId: string } | { kind: "update"; id: string };
  initial: Values;
  departments: Option[];
  suggestions: Option[];
  categories: string[];
  onSaved: (title: string) => Promise<unknown>;
}) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const errorText = useAppErrorMessage();
  const id = useId();
  const [values, setValues] = useState<Values>(initial);
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [ok, setOk] = useState<string | null>(null);
  const create = useMutation(trpc.slate.create.mutationOptions());
  const update = useMutation(trpc.slate.update.mutationOptions());
  const pending = create.isPending || update.isPending;

  const set = (field: Exclude<FieldName, "suggestionIds">) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [field]: e.target.value }));

  function show(issues: FieldIssue[]) {
    setErrors(fieldMessages(t, issues, FIELDS, values).byField);
    setFormError(t("console.form.fixErrors"));
  }

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setOk(null);
    setFormError(null);
    const parsed =
      mode.kind === "create"
        ? ZCreateCandidateInput.safeParse({ ...values, sessionId: mode.sessionId })
        : ZUpdateCandidateInput.safeParse({ ...values, id: mode.id });
    if (!parsed.success) return show(issuesFromZod(parsed.error));
    setErrors({});
    const { title } = parsed.data;
    try {
      if ("sessionId" in parsed.data) {
        await create.mutateAsync(parsed.data);
        setOk(t("console.slate.created", { title }));
        setValues(EMPTY);
      } else {
        await update.mutateAsync(parsed.data);
      }
      await onSaved(title);
    } catch (err) {
      const issues = issuesFromServer(err);
      if (issues) show(issues);
      else setFormError(errorText(err));
    }
  }

  const text = (
    field: Exclude<FieldName, "suggestionIds" | "departmentId" | "deadline">,
    opts: { max: number; rows?: number; hint?: string; list?: string; inputMode?: "decimal" },
  ) => (
    <Field id={`${id}-${field}`} label={t(`console.slate.fields.${field}`)} hint={opts.hint} error={errors[field]}>
      {(p) =>
        opts.rows ? (
          <textarea {...p} className="field-input" rows={opts.rows} maxLength={opts.max} value={values[field]} onChange={set(field)} />
        ) : (
          <input
            {...p}
            className="field-input"
            maxLength={opts.max}
            value={values[field]}
            onChange={set(field)}
            list={opts.list}
            inputMode={opts.inputMode}
            autoComplete="off"
          />
        )
      }
    </Field>
  );

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="flex flex-col gap-4"
      aria-label={mode.kind === "create" ? t("console.slate.createHeading") : undefined}
    >
      {text("title", { max: 200 })}
      <div className="grid gap-4 md:grid-cols-2">
        {text("category", { max: 50, list: `${id}-categories` })}
        <datalist id={`${id}-categories`}>
          {categories.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
        <Field id={`${id}-departmentId`} label={t("console.slate.fields.departmentId")} error={errors.departmentId}>
          {(p) => (
            <select {...p} className="field-input" value={values.departmentId} onChange={set("departmentId")}>
              <option value="">{t("console.slate.chooseDepartment")}</option>
              {departments.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {text("summary", { max: 2000, rows: 3 })}
      <div className="grid gap-4 md:grid-cols-3">
        {text("budgetWan", { max: 14, hint: t("console.slate.budgetHint"), inputMode: "decimal" })}
        {text("location", { max: 200 })}
        <Field id={`${id}-deadline`} label={t("console.slate.fields.deadline")} error={errors.deadline}>
          {(p) => <input {...p} type="date" className="field-input" value={values.deadline} onChange={set("deadline")} />}
        </Field>
      </div>
      {text("targets", { max: 1000, rows: 2 })}
      <SuggestionPicker
        id={`${id}-suggestions`}
        suggestions={suggestions}
        selected={values.suggestionIds}
        onChange={(suggestionIds) => setValues((v) => ({ ...v, suggestionIds }))}
        error={errors.suggestionIds}
      />
      <FormStatus ok={ok} error={formError} />
      <div>
        <button type="submit" className="btn-primary" disabled={pending}>
          {pending ? t("console.form.saving") : mode.kind === "create" ? t("console.slate.create") : t("console.slate.save")}
        </button>
      </div>
    </form>
  );
}

function SuggestionPicker({
  id,
  suggestions,
  selected,
  onChange,
  error,
}: {
  id: string;
  suggestions: Option[];
  selected: string[];
  onChange: (ids: string[]) => void;
  error?: string;
}) {
  const { t } = useI18n();
  const [filter, setFilter] = useState("");
  const chosen = new Set(selected);
  const q = filter.trim().toLowerCase();
  const matching = suggestions.filter((s) => chosen.has(s.id) || !q || s.name.toLowerCase().includes(q));
  // Ticked ones first, so a long list never hides what is already linked.
  const shown = [...matching.filter((s) => chosen.has(s.id)), ...matching.filter((s) => !chosen.has(s.id))].slice(0, MAX_SUGGESTIONS_SHOWN);
  return (
    <fieldset aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`} className="flex flex-col gap-2">
      <legend className="field-label">{t("console.slate.fields.suggestionIds")}</legend>
      <p id={`${id}-hint`} className="text-base text-muted">
        {t("console.slate.suggestionsHint")} {t("console.slate.suggestionsSelected", { count: selected.length })}
      </p>
      {suggestions.length === 0 ? (
        <p>{t("console.slate.suggestionsNone")}</p>
      ) : (
        <>
          <div className="sm:max-w-md">
            <label htmlFor={`${id}-filter`} className="sr-only">
              {t("console.slate.suggestionsFilter")}
            </label>
            <input
              id={`${id}-filter`}
              type="search"
              className="field-input"
              placeholder={t("console.slate.suggestionsFilter")}
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              autoComplete="off"
            />
          </div>
          {shown.length === 0 ? (
            <p>{t("console.slate.suggestionsNoMatch")}</p>
          ) : (
            <ul className="flex max-h-64 flex-col overflow-y-auto rounded-lg border border-stone-300 p-1">
              {shown.map((s) => (
                <li key={s.id}>
                  <label className="flex min-h-11 cursor-pointer items-center gap-3 rounded-md px-2 hover:bg-stone-100">
                    <input
                      type="checkbox"
                      className="size-5 shrink-0"
                      checked={chosen.has(s.id)}
                      onChange={(e) => onChange(e.target.checked ? [...selected, s.id] : selected.filter((x) => x !== s.id))}
                    />
                    <span>{s.name}</span>
                  </label>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
