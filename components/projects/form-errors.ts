import type { z } from "zod";
import { describeIssue, issuesFromServer, issuesFromZod, type FieldIssue } from "../console/form-issues";
import type { Translate } from "~/lib/i18n/translate";

/**
 * One localized message per field path ("budgetWan", "milestones.2.plannedOn"): the first
 * issue wins. `values` says which fields were left blank ("required" rather than "too short").
 */
export function messagesByPath(t: Translate, issues: readonly FieldIssue[], valueAt: (path: string) => unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const v = valueAt(issue.path);
    const blank = v === undefined || v === null || (typeof v === "string" && v.trim() === "") || (typeof v === "number" && Number.isNaN(v));
    out[issue.path] ??= describeIssue(t, issue, blank);
  }
  return out;
}

/** The same schema the server checks, run in the browser first: field messages, or the parsed input. */
export function checkInput<S extends z.ZodType>(
  schema: S,
  raw: unknown,
  t: Translate,
  valueAt: (path: string) => unknown,
): { ok: true; data: z.output<S> } | { ok: false; errors: Record<string, string> } {
  const parsed = schema.safeParse(raw);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, errors: messagesByPath(t, issuesFromZod(parsed.error), valueAt) };
}

/** Field messages from a server refusal (rare: the browser checked the same schema), or null. */
export function serverFieldErrors(error: unknown, t: Translate, valueAt: (path: string) => unknown): Record<string, string> | null {
  const issues = issuesFromServer(error);
  return issues ? messagesByPath(t, issues, valueAt) : null;
}

/** Reads a value by a dotted path ("milestones.0.title") from the form's raw values. */
export function valueAtPath(root: unknown, path: string): unknown {
  return path
    .split(".")
    .reduce<unknown>((node, key) => (node !== null && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined), root);
}
