import { TRPCClientError } from "@trpc/client";
import type { z } from "zod";
import type { MessageKey, Translate } from "~/lib/i18n/translate";

/** One problem with one field, from our own zod parse or from the server's `fieldErrors`. */
export interface FieldIssue {
  path: string;
  code: string;
  message: string;
  minimum?: number;
  maximum?: number;
  origin?: string;
  format?: string;
}

export function issuesFromZod(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => {
    const extra = i as { minimum?: number | bigint; maximum?: number | bigint; origin?: string; format?: string };
    return {
      path: i.path.map(String).join("."),
      code: i.code,
      message: i.message,
      minimum: extra.minimum === undefined ? undefined : Number(extra.minimum),
      maximum: extra.maximum === undefined ? undefined : Number(extra.maximum),
      origin: extra.origin,
      format: extra.format,
    };
  });
}

/**
 * What the server said about fields: zod issues (`fieldErrors`, same schema as ours, so
 * rare) or a domain refusal naming a field (`details.field`, e.g. an unknown department).
 * Null when the error is not about a field.
 */
export function issuesFromServer(error: unknown): FieldIssue[] | null {
  if (!(error instanceof TRPCClientError)) return null;
  const data = error.data as
    { fieldErrors?: { path: string; code: string; message: string }[]; details?: { field?: unknown }; appCode?: string } | undefined;
  if (data?.fieldErrors?.length) return data.fieldErrors.map((i) => ({ path: i.path, code: i.code, message: i.message }));
  if (typeof data?.details?.field === "string") return [{ path: data.details.field, code: "server", message: data.appCode ?? "BAD_INPUT" }];
  return null;
}

/** Schema messages we set on purpose (see lib/schemas/) and their sentences. */
const NAMED: Record<string, MessageKey> = {
  MONEY: "console.form.money",
  USERNAME: "console.form.username",
  DEPARTMENT_REQUIRED: "console.form.departmentRequired",
};

/** A localized sentence for one issue; `blank` says the field was left empty. */
export function describeIssue(t: Translate, issue: FieldIssue, blank: boolean): string {
  const named = NAMED[issue.message];
  if (named) return t(named);
  if (issue.format === "uuid") return t("console.form.choose");
  if (blank && (issue.code === "too_small" || issue.code === "invalid_type" || issue.code === "invalid_format"))
    return t("console.form.required");
  if (issue.format === "date" || issue.format === "datetime") return t("console.form.date");
  if (issue.code === "too_small" && issue.origin === "string" && issue.minimum !== undefined)
    return t("console.form.tooShort", { min: issue.minimum });
  if (issue.code === "too_big" && issue.origin === "string" && issue.maximum !== undefined)
    return t("console.form.tooLong", { max: issue.maximum });
  if (issue.code === "too_big" && issue.origin === "array" && issue.maximum !== undefined)
    return t("console.form.tooMany", { max: issue.maximum });
  return t("console.form.invalid");
}

/**
 * Issues → one message per form field (the first issue wins), plus whether any issue
 * named no known field. `override` lets a form word a field's problem its own way.
 */
export function fieldMessages<F extends string>(
  t: Translate,
  issues: readonly FieldIssue[],
  fields: readonly F[],
  values: Partial<Record<F, unknown>>,
  override?: (field: F, issue: FieldIssue) => string | null,
): { byField: Partial<Record<F, string>>; unplaced: boolean } {
  const byField: Partial<Record<F, string>> = {};
  let unplaced = false;
  for (const issue of issues) {
    const field = fields.find((f) => f === issue.path.split(".")[0]);
    if (!field) {
      unplaced = true;
      continue;
    }
    const value = values[field];
    const blank =
      value === undefined ||
      value === null ||
      (typeof value === "string" && value.trim() === "") ||
      (Array.isArray(value) && value.length === 0);
    byField[field] ??= override?.(field, issue) ?? describeIssue(t, issue, blank);
  }
  return { byField, unplaced };
}
