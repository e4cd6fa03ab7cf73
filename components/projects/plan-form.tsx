"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, type FormEvent } from "react";
import { ZPlanInput } from "~/lib/schemas/projects";
import { Field, FormStatus } from "../console/field";
import { useI18n } from "../i18n/i18n-provider";
import { useAppErrorMessage } from "../trpc/use-app-error";
import { useTRPC } from "../trpc/trpc-provider";
import { checkInput, serverFieldErrors, valueAtPath } from "./form-errors";

export interface PlanValues {
  leadOfficial: string;
  budgetWan: string;
  deadline: string;
  startedOn: string;
  completedOn: string;
  milestones: { key: string; title: string; plannedOn: string; achievedOn: string }[];
}

let nextKey = 0;
const newKey = () => `m${++nextKey}`;

/**
 * The implementation plan of one project (→ projects.savePlan). Milestones are replaced as a
 * whole on save; each has a planned date and, once reached, its actual date — the 滞后 status
 * is derived from these on the server, never typed in.
 */
export function PlanForm({
  candidateId,
  initial,
}: {
  candidateId: string;
  initial: Omit<PlanValues, "milestones"> & { milestones: Omit<PlanValues["milestones"][number], "key">[] };
}) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const errorText = useAppErrorMessage();
  const id = useId();
  const [values, setValues] = useState<PlanValues>(() => ({
    ...initial,
    milestones: initial.milestones.map((m) => ({ ...m, key: newKey() })),
  }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<{ ok?: string; error?: string }>({});
  const lastTitle = useRef<HTMLInputElement>(null);
  const save = useMutation(trpc.projects.savePlan.mutationOptions());

  const set = <K extends keyof Omit<PlanValues, "milestones">>(k: K, v: string) => setValues((s) => ({ ...s, [k]: v }));
  const setMilestone = (i: number, k: "title" | "plannedOn" | "achievedOn", v: string) =>
    setValues((s) => ({ ...s, milestones: s.milestones.map((m, j) => (j === i ? { ...m, [k]: v } : m)) }));

  const raw = () => ({
    candidateId,
    leadOfficial: values.leadOfficial,
    budgetWan: values.budgetWan,
    deadline: values.deadline,
    startedOn: values.startedOn || null,
    completedOn: values.completedOn || null,
    milestones: values.milestones.map((m) => ({ title: m.title, plannedOn: m.plannedOn, achievedOn: m.achievedOn || null })),
  });

  async function submit(e: FormEvent) {
    e.preventDefault();
    setStatus({});
    const input = raw();
    const checked = checkInput(ZPlanInput, input, t, (p) => valueAtPath(input, p));
    if (!checked.ok) {
      setErrors(checked.errors);
      setStatus({ error: t("console.form.fixErrors") });
      return;
    }
    setErrors({});
    try {
      await save.mutateAsync(checked.data);
      setStatus({ ok: t("projects.plan.saved") });
      router.refresh();
    } catch (err) {
      const fields = serverFieldErrors(err, t, (p) => valueAtPath(input, p));
      if (fields) setErrors(fields);
      setStatus({ error: errorText(err) });
    }
  }

  const control = (name: string) => ({ name, className: "field-input" });
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="text-xl font-bold">
        {t("projects.plan.heading")}
      </h2>
      <p className="text-base text-muted">{t("projects.plan.hint")}</p>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id={`${id}-lead`} label={t("projects.plan.leadOfficial")} error={errors.leadOfficial}>
          {(c) => (
            <input
              {...c}
              {...control("leadOfficial")}
              value={values.leadOfficial}
              onChange={(e) => set("leadOfficial", e.target.value)}
              maxLength={50}
            />
          )}
        </Field>
        <Field id={`${id}-budget`} label={t("projects.plan.budgetInput")} error={errors.budgetWan}>
          {(c) => (
            <input
              {...c}
              {...control("budgetWan")}
              inputMode="decimal"
              value={values.budgetWan}
              onChange={(e) => set("budgetWan", e.target.value)}
            />
          )}
        </Field>
        <Field id={`${id}-deadline`} label={t("common.deadlineLabel")} error={errors.deadline}>
          {(c) => (
            <input {...c} {...control("deadline")} type="date" value={values.deadline} onChange={(e) => set("deadline", e.target.value)} />
          )}
        </Field>
        <Field id={`${id}-started`} label={t("projects.plan.startedOnOptional")} error={errors.startedOn}>
          {(c) => (
            <input
              {...c}
              {...control("startedOn")}
              type="date"
              value={values.startedOn}
              onChange={(e) => set("startedOn", e.target.value)}
            />
          )}
        </Field>
        <Field id={`${id}-completed`} label={t("projects.plan.completedOnOptional")} error={errors.completedOn}>
          {(c) => (
            <input
              {...c}
              {...control("completedOn")}
              type="date"
              value={values.completedOn}
              onChange={(e) => set("completedOn", e.target.value)}
            />
          )}
        </Field>
      </div>

      <fieldset className="flex flex-col gap-3">
        <legend className="mb-2 text-lg font-bold">{t("projects.plan.milestones")}</legend>
        {values.milestones.length === 0 && <p className="text-base text-muted">{t("projects.plan.noMilestones")}</p>}
        <ol className="flex flex-col gap-3">
          {values.milestones.map((m, i) => (
            <li key={m.key} className="rounded-lg border-2 border-stone-200 p-3">
              <fieldset className="grid gap-3 sm:grid-cols-[2fr_1fr_1fr_auto] sm:items-end">
                <legend className="mb-1 text-base font-semibold">{t("projects.plan.milestoneN", { n: i + 1 })}</legend>
                <Field id={`${id}-m${m.key}-title`} label={t("projects.plan.milestoneTitle")} error={errors[`milestones.${i}.title`]}>
                  {(c) => (
                    <input
                      {...c}
                      ref={i === values.milestones.length - 1 ? lastTitle : undefined}
                      className="field-input"
                      value={m.title}
                      onChange={(e) => setMilestone(i, "title", e.target.value)}
                      maxLength={200}
                    />
                  )}
                </Field>
                <Field
                  id={`${id}-m${m.key}-planned`}
                  label={t("projects.plan.milestonePlanned")}
                  error={errors[`milestones.${i}.plannedOn`]}
                >
                  {(c) => (
                    <input
                      {...c}
                      type="date"
                      className="field-input"
                      value={m.plannedOn}
                      onChange={(e) => setMilestone(i, "plannedOn", e.target.value)}
                    />
                  )}
                </Field>
                <Field
                  id={`${id}-m${m.key}-achieved`}
                  label={t("projects.plan.milestoneAchieved")}
                  error={errors[`milestones.${i}.achievedOn`]}
                >
                  {(c) => (
                    <input
                      {...c}
                      type="date"
                      className="field-input"
                      value={m.achievedOn}
                      onChange={(e) => setMilestone(i, "achievedOn", e.target.value)}
                    />
                  )}
                </Field>
                <button
                  type="button"
                  className="btn-secondary"
                  onClick={() => {
                    setValues((s) => ({ ...s, milestones: s.milestones.filter((_, j) => j !== i) }));
                    setErrors({}); // messages are keyed by position
                  }}
                  aria-label={t("projects.plan.removeMilestoneN", { n: i + 1 })}
                >
                  {t("projects.plan.removeMilestone")}
                </button>
              </fieldset>
            </li>
          ))}
        </ol>
        <button
          type="button"
          className="btn-secondary self-start"
          onClick={() => {
            setValues((s) => ({ ...s, milestones: [...s.milestones, { key: newKey(), title: "", plannedOn: "", achievedOn: "" }] }));
            // Focus the new milestone's title once it is rendered.
            window.setTimeout(() => lastTitle.current?.focus(), 0);
          }}
        >
          {t("projects.plan.addMilestone")}
        </button>
      </fieldset>

      <FormStatus ok={status.ok} error={status.error} />
      <button type="submit" className="btn-primary self-start" disabled={save.isPending}>
        {save.isPending ? t("console.form.saving") : t("projects.plan.save")}
      </button>
    </form>
  );
}
