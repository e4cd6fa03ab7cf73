"use client";

// A little over 300 lines, in one piece: one form whose fields depend on each other (the kind
// decides the seats and which candidates are chosen by default).

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useId, useState, type FormEvent } from "react";
import type { MessageKey } from "~/lib/i18n/translate";
import { ZCreatePollInput, type TCreatePollInput } from "~/lib/schemas/vote";
import { useI18n } from "../i18n/i18n-provider";
import { useTRPC } from "../trpc/trpc-provider";
import { useAppErrorMessage } from "../trpc/use-app-error";

export interface SlateItem {
  id: string;
  title: string;
  unitName: string;
}

type Kind = TCreatePollInput["kind"];
type Basis = NonNullable<TCreatePollInput["basis"]>;
type Field = "title" | "seats" | "candidateIds" | "form";
type FieldErrors = Partial<Record<Field, string>>;

/** A typical 等额 slate is the first 12 of the screened list; 差额 puts all of them up. */
const EQUAL_DEFAULT = 12;
const BASES: Basis[] = ["ALL_DELEGATES", "PRESENT", "VALID_BALLOTS"];

function defaultSelection(kind: Kind, slate: SlateItem[]): Set<string> {
  return new Set((kind === "EQUAL" ? slate.slice(0, EQUAL_DEFAULT) : slate).map((c) => c.id));
}

/** Zod issues (ours, or the server's `fieldErrors`) → one localized sentence per field. */
function issueMessage(path: string, message: string): { field: Field; key: MessageKey } {
  const field = path.split(".")[0];
  if (field === "title") return { field: "title", key: "cockpit.create.errors.title" };
  if (field === "seats") return { field: "seats", key: "cockpit.create.errors.seats" };
  if (field === "candidateIds")
    return { field: "candidateIds", key: message === "DUPLICATE" ? "cockpit.create.errors.duplicate" : "cockpit.create.errors.candidates" };
  return { field: "form", key: "cockpit.create.errors.generic" };
}

export function CreatePollForm({
  sessionId,
  slate,
  onCreated,
}: {
  sessionId: string;
  slate: SlateItem[];
  onCreated?: (id: string, title: string) => void;
}) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useAppErrorMessage();
  const id = useId();
  const [title, setTitle] = useState(() => t("cockpit.create.defaultTitle"));
  const [kind, setKind] = useState<Kind>("EQUAL");
  const [seats, setSeats] = useState(String(Math.min(EQUAL_DEFAULT, Math.max(1, slate.length - 1))));
  const [basis, setBasis] = useState<Basis>("ALL_DELEGATES");
  const [secret, setSecret] = useState(true);
  const [changeable, setChangeable] = useState(false);
  const [selected, setSelected] = useState(() => defaultSelection("EQUAL", slate));
  const [touched, setTouched] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [created, setCreated] = useState<string | null>(null);
  const create = useMutation(trpc.secretariat.createPoll.mutationOptions());

  function changeKind(next: Kind) {
    setKind(next);
    // Follow the kind's usual slate until the secretary picks candidates by hand.
    if (!touched) setSelected(defaultSelection(next, slate));
  }

  function toggle(candidateId: string, on: boolean) {
    setTouched(true);
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(candidateId);
      else next.delete(candidateId);
      return next;
    });
  }

  function showIssues(issues: { path: string; message: string }[]) {
    const next: FieldErrors = {};
    for (const issue of issues) {
      const { field, key } = issueMessage(issue.path, issue.message);
      next[field] ??= t(key);
    }
    setErrors(next);
  }

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setCreated(null);
    const input: TCreatePollInput = {
      sessionId,
      title,
      kind,
      seats: kind === "COMPETITIVE" ? (seats.trim() === "" ? undefined : Number(seats)) : undefined,
      basis,
      secret,
      changeable,
      // Slate order, whatever order the boxes were ticked in.
      candidateIds: slate.filter((c) => selected.has(c.id)).map((c) => c.id),
    };
    const parsed = ZCreatePollInput.safeParse(input);
    if (!parsed.success) {
      showIssues(parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })));
      return;
    }
    setErrors({});
    try {
      const res = await create.mutateAsync(input);
      setCreated(t("cockpit.create.created", { title: parsed.data.title }));
      // Back to the defaults, so a second click cannot create the same poll twice by accident.
      setTitle(t("cockpit.create.defaultTitle"));
      setKind("EQUAL");
      setSelected(defaultSelection("EQUAL", slate));
      setTouched(false);
      await queryClient.invalidateQueries({ queryKey: trpc.secretariat.pathKey() });
      onCreated?.(res.id, parsed.data.title);
    } catch (err) {
      const fieldErrors =
        err instanceof TRPCClientError
          ? (err.data as { fieldErrors?: { path: string; message: string }[] } | undefined)?.fieldErrors
          : undefined;
      if (fieldErrors?.length) showIssues(fieldErrors);
      else setErrors({ form: errorText(err) });
    }
  }

  const fieldProps = (field: Field) => ({
    "aria-invalid": errors[field] ? true : undefined,
    "aria-describedby": errors[field] ? `${id}-${field}-error` : undefined,
  });
  const fieldError = (field: Field) =>
    errors[field] && (
      <p id={`${id}-${field}-error`} className="field-error">
        {errors[field]}
      </p>
    );
  const radio =
    "flex min-h-11 cursor-pointer items-center gap-3 rounded-lg border-2 border-stone-300 px-3 has-[:checked]:border-brand has-[:checked]:bg-red-50";

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-5">
      <div>
        <label htmlFor={`${id}-title`} className="field-label">
          {t("cockpit.create.title")}
        </label>
        <input
          id={`${id}-title`}
          className="field-input"
          value={title}
          maxLength={200}
          onChange={(e) => setTitle(e.target.value)}
          {...fieldProps("title")}
        />
        {fieldError("title")}
      </div>

      <div className="grid gap-5 md:grid-cols-2">
        <fieldset>
          <legend className="field-label">{t("cockpit.kindLabel")}</legend>
          <div className="flex flex-col gap-2">
            {(["EQUAL", "COMPETITIVE"] as const).map((k) => (
              <label key={k} className={radio}>
                <input type="radio" name={`${id}-kind`} className="size-5 shrink-0" checked={kind === k} onChange={() => changeKind(k)} />
                <span>{t(`cockpit.create.kind.${k}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        {kind === "COMPETITIVE" && (
          <div>
            <label htmlFor={`${id}-seats`} className="field-label">
              {t("cockpit.create.seats")}
            </label>
            <input
              id={`${id}-seats`}
              className="field-input"
              type="number"
              inputMode="numeric"
              min={1}
              max={Math.max(1, selected.size - 1)}
              value={seats}
              onChange={(e) => setSeats(e.target.value)}
              {...fieldProps("seats")}
            />
            <p className="mt-1 text-sm text-muted">{t("cockpit.create.seatsHint", { count: selected.size })}</p>
            {fieldError("seats")}
          </div>
        )}
      </div>

      <div className="grid gap-5 md:grid-cols-3">
        <div>
          <label htmlFor={`${id}-basis`} className="field-label">
            {t("cockpit.basisLabel")}
          </label>
          <select
            id={`${id}-basis`}
            className="field-input"
            value={basis}
            onChange={(e) => setBasis(e.target.value as Basis)}
            aria-describedby={`${id}-basis-hint`}
          >
            {BASES.map((b) => (
              <option key={b} value={b}>
                {t(`cockpit.basis.${b}`)}
              </option>
            ))}
          </select>
          <p id={`${id}-basis-hint`} className="mt-1 text-sm text-muted">
            {t("cockpit.create.basisHint")}
          </p>
        </div>
        <fieldset>
          <legend className="field-label">{t("cockpit.secretLabel")}</legend>
          <div className="flex flex-col gap-2">
            {[true, false].map((v) => (
              <label key={String(v)} className={radio}>
                <input
                  type="radio"
                  name={`${id}-secret`}
                  className="size-5 shrink-0"
                  checked={secret === v}
                  onChange={() => setSecret(v)}
                />
                <span>{v ? t("cockpit.secret") : t("cockpit.named")}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend className="field-label">{t("cockpit.changeLabel")}</legend>
          <div className="flex flex-col gap-2">
            {[false, true].map((v) => (
              <label key={String(v)} className={radio}>
                <input
                  type="radio"
                  name={`${id}-change`}
                  className="size-5 shrink-0"
                  checked={changeable === v}
                  onChange={() => setChangeable(v)}
                />
                <span>{v ? t("cockpit.changeable") : t("cockpit.final")}</span>
              </label>
            ))}
          </div>
        </fieldset>
      </div>

      <fieldset {...fieldProps("candidateIds")}>
        <legend className="field-label">{t("cockpit.create.candidates", { count: selected.size, total: slate.length })}</legend>
        <div className="mb-2 flex flex-wrap gap-2">
          <button
            type="button"
            className="btn-secondary"
            onClick={() => {
              setTouched(true);
              setSelected(new Set(slate.map((c) => c.id)));
            }}
          >
            {t("cockpit.create.selectAll")}
          </button>
          <button
            type="button"
            className="btn-secondary"
            onClick={() => {
              setTouched(true);
              setSelected(new Set());
            }}
          >
            {t("cockpit.create.selectNone")}
          </button>
        </div>
        <ol className="flex flex-col gap-1">
          {slate.map((c, i) => (
            <li key={c.id}>
              <label className="flex min-h-11 cursor-pointer items-start gap-3 rounded-lg px-2 py-2 hover:bg-stone-100">
                <input
                  type="checkbox"
                  className="mt-1 size-5 shrink-0"
                  checked={selected.has(c.id)}
                  onChange={(e) => toggle(c.id, e.target.checked)}
                />
                <span className="min-w-0">
                  <span className="tabular-nums">{i + 1}.</span> {c.title}
                  <span className="block text-sm text-muted">{c.unitName}</span>
                </span>
              </label>
            </li>
          ))}
        </ol>
        {fieldError("candidateIds")}
      </fieldset>

      <div aria-live="polite">
        {fieldError("form")}
        {created && (
          <p role="status" className="font-semibold text-green-900">
            {created}
          </p>
        )}
      </div>
      <button type="submit" className="btn-primary self-start" disabled={create.isPending}>
        {create.isPending ? t("cockpit.create.submitting") : t("cockpit.create.submit")}
      </button>
    </form>
  );
}
