"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useRef, useState, type FormEvent } from "react";
import { SUPERVISION_KINDS, ZSupervisionNoteInput } from "~/lib/schemas/projects";
import { Field, FormStatus } from "../console/field";
import { useI18n } from "../i18n/i18n-provider";
import { useAppErrorMessage } from "../trpc/use-app-error";
import { useTRPC } from "../trpc/trpc-provider";
import { checkInput, serverFieldErrors } from "./form-errors";

type Kind = (typeof SUPERVISION_KINDS)[number];

/**
 * 督办 on a phone: pick an approved project, say whether it is an inspection or a
 * suggestion, and write it (→ projects.fileNote). The summary is what residents will read.
 */
export function SupervisionNoteForm({
  projects,
  initialProjectId,
}: {
  projects: { id: string; title: string }[];
  initialProjectId?: string;
}) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const errorText = useAppErrorMessage();
  const id = useId();
  const blank = { candidateId: initialProjectId ?? "", kind: "" as Kind | "", groupName: "", summary: "", body: "" };
  const [values, setValues] = useState(blank);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | undefined>();
  const [sent, setSent] = useState<{ candidateId: string; title: string } | null>(null);
  const sentHeading = useRef<HTMLHeadingElement>(null);
  const file = useMutation(trpc.projects.fileNote.mutationOptions());

  const set = (k: keyof typeof blank, v: string) => setValues((s) => ({ ...s, [k]: v }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(undefined);
    const input = { ...values, groupName: values.groupName.trim() || null };
    const at = (p: string) => (values as Record<string, unknown>)[p];
    const checked = checkInput(ZSupervisionNoteInput, input, t, at);
    if (!checked.ok) {
      setErrors(checked.errors);
      setError(t("console.form.fixErrors"));
      return;
    }
    setErrors({});
    try {
      await file.mutateAsync(checked.data);
      setSent({ candidateId: checked.data.candidateId, title: projects.find((p) => p.id === checked.data.candidateId)?.title ?? "" });
      setValues(blank);
      window.setTimeout(() => sentHeading.current?.focus(), 0);
    } catch (err) {
      const fields = serverFieldErrors(err, t, at);
      if (fields) setErrors(fields);
      setError(errorText(err));
    }
  }

  if (sent) {
    return (
      <section className="panel flex flex-col gap-3 border-l-8 border-green-700" aria-labelledby={`${id}-sent`}>
        <h2 id={`${id}-sent`} ref={sentHeading} tabIndex={-1} className="text-2xl font-bold text-green-800 outline-none!">
          <span aria-hidden="true">✓ </span>
          {t("projects.supervise.sentHeading")}
        </h2>
        <p className="text-lg">{t("projects.supervise.sent", { title: sent.title })}</p>
        <Link href={`/projects/${sent.candidateId}#supervision`} className="btn-secondary self-start">
          {t("projects.supervise.viewProject")}
        </Link>
        <button type="button" className="btn-primary min-h-14 text-lg" onClick={() => setSent(null)}>
          {t("projects.supervise.another")}
        </button>
      </section>
    );
  }

  return (
    <form onSubmit={submit} noValidate className="panel flex flex-col gap-4">
      <Field id={`${id}-project`} label={t("projects.supervise.project")} error={errors.candidateId}>
        {(c) => (
          <select {...c} className="field-input" value={values.candidateId} onChange={(e) => set("candidateId", e.target.value)}>
            <option value="">{t("console.form.choose")}</option>
            {projects.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </select>
        )}
      </Field>
      <fieldset aria-describedby={errors.kind ? `${id}-kind-error` : undefined}>
        <legend className="field-label">{t("projects.supervise.kind")}</legend>
        <div className="grid grid-cols-2 gap-2">
          {SUPERVISION_KINDS.map((k) => (
            <label
              key={k}
              className={`flex min-h-14 cursor-pointer items-center justify-center gap-2 rounded-lg border-2 px-2 text-lg font-bold has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-blue-700 ${
                values.kind === k ? "border-ink bg-ink text-white" : "border-stone-400 bg-white"
              }`}
            >
              <input
                type="radio"
                className="sr-only"
                name={`${id}-kind`}
                value={k}
                checked={values.kind === k}
                onChange={() => set("kind", k)}
              />
              {values.kind === k && <span aria-hidden="true">✓</span>}
              {t(`projects.supervisionKind.${k}`)}
            </label>
          ))}
        </div>
        {errors.kind && (
          <p id={`${id}-kind-error`} className="field-error">
            {t("console.form.choose")}
          </p>
        )}
      </fieldset>
      <Field id={`${id}-group`} label={t("projects.supervise.group")} hint={t("projects.supervise.groupHint")} error={errors.groupName}>
        {(c) => (
          <input
            {...c}
            className="field-input"
            maxLength={100}
            value={values.groupName}
            onChange={(e) => set("groupName", e.target.value)}
          />
        )}
      </Field>
      <Field id={`${id}-summary`} label={t("projects.supervise.summary")} hint={t("projects.supervise.summaryHint")} error={errors.summary}>
        {(c) => (
          <input {...c} className="field-input" maxLength={200} value={values.summary} onChange={(e) => set("summary", e.target.value)} />
        )}
      </Field>
      <Field id={`${id}-body`} label={t("projects.supervise.body")} hint={t("projects.supervise.bodyHint")} error={errors.body}>
        {(c) => (
          <textarea
            {...c}
            className="field-input"
            rows={6}
            maxLength={5000}
            value={values.body}
            onChange={(e) => set("body", e.target.value)}
          />
        )}
      </Field>
      <FormStatus error={error} />
      <button type="submit" className="btn-primary min-h-14 text-lg" disabled={file.isPending}>
        {file.isPending ? t("console.form.working") : t("projects.supervise.submit")}
      </button>
    </form>
  );
}
