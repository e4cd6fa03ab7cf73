"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { ZCreateSessionInput } from "~/lib/schemas/session-setup";
import { useI18n } from "../i18n/i18n-provider";
import { useTRPC } from "../trpc/trpc-provider";
import { appCodeOf, useAppErrorMessage } from "../trpc/use-app-error";
import { Field, FormStatus } from "./field";
import { fieldMessages, issuesFromServer, issuesFromZod } from "./form-issues";

const CREATE_FIELDS = ["congressId", "name", "year", "startsOn", "delegations"] as const;
type CreateField = (typeof CREATE_FIELDS)[number];

/** A new session of a congress, with its delegations (the roster is imported afterwards). */
export function CreateSessionForm({ congresses }: { congresses: { id: string; name: string }[] }) {
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
      if (appCodeOf(err) === "CONFLICT") setErrors({ name: t("console.setup.sessionExists") });
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
