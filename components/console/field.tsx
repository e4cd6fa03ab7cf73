import type { ReactNode } from "react";

export interface FieldControlProps {
  id: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
}

/**
 * A labelled form control with its hint and its error right below it; the control gets
 * the ids that tie them together (so a screen reader reads the error with the field).
 */
export function Field({
  id,
  label,
  hint,
  error,
  className,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  className?: string;
  children: (control: FieldControlProps) => ReactNode;
}) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="mb-1 text-base text-muted">
          {hint}
        </p>
      )}
      {children({ id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** A polite live region for "saved" / "failed" after a form's submit. */
export function FormStatus({ ok, error }: { ok?: string | null; error?: string | null }) {
  return (
    <div aria-live="polite">
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
      {ok && !error && (
        <p className="rounded-lg border-2 border-green-700 bg-green-50 px-3 py-2 text-base font-semibold text-green-900">{ok}</p>
      )}
    </div>
  );
}
