"use client";

import { useMutation } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { ZCreateCandidateInput, ZUpdateCandidateInput, type TSlateCandidate } from "~/lib/schemas/slate";
import { useI18n } from "../i18n/i18n-provider";
import { useTRPC } from "../trpc/trpc-provider";
import { useAppErrorMessage } from "../trpc/use-app-error";
import { Field, FormStatus } from "./field";
import { fieldMessages, issuesFromServer, issuesFromZod, type FieldIssue } from "./form-issues";

export type Option = { id: string; name: string };

const FIELDS = ["title", "category", "summary", "departmentId", "budgetWan", "location", "targets", "deadline", "suggestionIds"] as const;
type FieldName = (typeof FIELDS)[number];
type Values = { [K in Exclude<FieldName, "suggestionIds">]: string } & { suggestionIds: string[] };

export const EMPTY: Values = {
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

export function valuesOf(c: TSlateCandidate): Values {
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

export function CandidateForm({
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
