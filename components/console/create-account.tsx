"use client";

import { useMutation } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { STAFF_ROLES, ZCreateStaffInput, type TStaffRow } from "~/lib/schemas/accounts";
import { useI18n } from "../i18n/i18n-provider";
import { useTRPC } from "../trpc/trpc-provider";
import { useAppErrorMessage } from "../trpc/use-app-error";
import { Field, FormStatus } from "./field";
import { fieldMessages, issuesFromServer, issuesFromZod, type FieldIssue } from "./form-issues";

type Role = TStaffRow["role"];
type Option = { id: string; name: string };

const CREATE_FIELDS = ["username", "displayName", "password", "role", "departmentId"] as const;
type CreateField = (typeof CREATE_FIELDS)[number];
const EMPTY = { username: "", displayName: "", password: "", role: "CLERK" as Role, departmentId: "" };
const MIN_PASSWORD = 10;

/** The administrator creates a staff account: username, name, initial password, role (and a department's unit). */
export function CreateAccount({ departments, onCreated }: { departments: Option[]; onCreated: () => Promise<unknown> }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const errorText = useAppErrorMessage();
  const id = useId();
  const [values, setValues] = useState(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<CreateField, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [ok, setOk] = useState<string | null>(null);
  const create = useMutation(trpc.accounts.create.mutationOptions());

  const set = (field: CreateField) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: e.target.value }));

  function show(issues: FieldIssue[]) {
    const { byField } = fieldMessages(t, issues, CREATE_FIELDS, values, (field, issue) => {
      if (field === "password" && issue.code === "too_small") return t("console.form.passwordShort", { min: MIN_PASSWORD });
      if (field === "username" && issue.message === "CONFLICT") return t("console.accounts.usernameTaken");
      return null;
    });
    setErrors(byField);
    setFormError(t("console.form.fixErrors"));
  }

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setOk(null);
    setFormError(null);
    const parsed = ZCreateStaffInput.safeParse({
      ...values,
      departmentId: values.role === "DEPARTMENT" ? values.departmentId || null : null,
    });
    if (!parsed.success) return show(issuesFromZod(parsed.error));
    setErrors({});
    try {
      await create.mutateAsync(parsed.data);
      setValues(EMPTY);
      setOk(t("console.accounts.created", { username: parsed.data.username }));
      await onCreated();
    } catch (err) {
      const issues = issuesFromServer(err);
      if (issues) show(issues);
      else setFormError(errorText(err));
    }
  }

  return (
    <section aria-labelledby={`${id}-heading`} className="panel">
      <h2 id={`${id}-heading`} className="mb-3 text-xl font-bold">
        {t("console.accounts.createHeading")}
      </h2>
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
        <div className="grid gap-4 md:grid-cols-2">
          <Field id={`${id}-username`} label={t("console.accounts.username")} error={errors.username}>
            {(p) => (
              <input
                {...p}
                className="field-input font-mono"
                value={values.username}
                maxLength={32}
                onChange={set("username")}
                autoComplete="off"
                autoCapitalize="none"
                spellCheck={false}
              />
            )}
          </Field>
          <Field id={`${id}-displayName`} label={t("console.accounts.displayName")} error={errors.displayName}>
            {(p) => (
              <input
                {...p}
                className="field-input"
                value={values.displayName}
                maxLength={50}
                onChange={set("displayName")}
                autoComplete="off"
              />
            )}
          </Field>
          <Field
            id={`${id}-password`}
            label={t("console.accounts.password")}
            hint={t("console.accounts.passwordHint")}
            error={errors.password}
          >
            {(p) => (
              <input
                {...p}
                type="password"
                className="field-input"
                value={values.password}
                maxLength={200}
                onChange={set("password")}
                autoComplete="new-password"
              />
            )}
          </Field>
          <Field id={`${id}-role`} label={t("console.accounts.role")} error={errors.role}>
            {(p) => (
              <select {...p} className="field-input" value={values.role} onChange={set("role")}>
                {STAFF_ROLES.map((r) => (
                  <option key={r} value={r}>
                    {t(`console.accounts.roles.${r}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {values.role === "DEPARTMENT" && (
            <Field id={`${id}-departmentId`} label={t("console.accounts.department")} error={errors.departmentId}>
              {(p) => (
                <select {...p} className="field-input" value={values.departmentId} onChange={set("departmentId")}>
                  <option value="">{t("console.accounts.chooseDepartment")}</option>
                  {departments.map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
        </div>
        <FormStatus ok={ok} error={formError} />
        <div>
          <button type="submit" className="btn-primary" disabled={create.isPending}>
            {create.isPending ? t("console.form.saving") : t("console.accounts.create")}
          </button>
        </div>
      </form>
    </section>
  );
}
