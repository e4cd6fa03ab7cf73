"use client";

import { useId, useState } from "react";
import { ConfirmDialog } from "../console/confirm-dialog";

export interface ConfirmActionProps {
  /** The button that opens the dialog, and the dialog's confirm button. */
  label: string;
  title: string;
  body: string;
  /** Ask for a reason (e.g. 作废): it is passed to onConfirm and written to the audit log. */
  reason?: { label: string; invalid: (value: string) => string | null };
  danger?: boolean;
  disabled?: boolean;
  onConfirm: (reason: string) => Promise<unknown>;
}

/**
 * A button for an irreversible step: it only opens the confirmation dialog, which says what
 * will happen; the step runs from the dialog's own confirm button. Errors stay in the
 * dialog (localized), so the secretariat sees why nothing changed.
 */
export function ConfirmAction({ label, title, body, reason, danger, disabled, onConfirm }: ConfirmActionProps) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reasonText, setReasonText] = useState("");
  const [reasonError, setReasonError] = useState<string | null>(null);

  function start() {
    setReasonError(null);
    setReasonText("");
    setOpen(true);
  }

  async function confirm() {
    if (reason) {
      const invalid = reason.invalid(reasonText);
      setReasonError(invalid);
      if (invalid) return;
    }
    await onConfirm(reasonText.trim());
    setOpen(false);
  }

  const buttonClass = danger ? "btn-secondary border-red-800 text-red-900 hover:bg-red-50" : "btn-primary";
  return (
    <>
      <button type="button" className={buttonClass} onClick={start} disabled={disabled}>
        {label}
      </button>
      <ConfirmDialog
        open={open}
        title={title}
        confirmLabel={label}
        danger={danger}
        focusCancel={!reason}
        onCancel={() => setOpen(false)}
        onConfirm={confirm}
        body={
          <>
            <p>{body}</p>
            {reason && (
              <div className="mt-4">
                <label htmlFor={`${id}-reason`} className="field-label">
                  {reason.label}
                </label>
                <textarea
                  id={`${id}-reason`}
                  className="field-input"
                  rows={3}
                  autoFocus
                  value={reasonText}
                  onChange={(e) => setReasonText(e.target.value)}
                  aria-invalid={reasonError ? true : undefined}
                  aria-describedby={reasonError ? `${id}-reason-error` : undefined}
                />
                {reasonError && (
                  <p id={`${id}-reason-error`} className="field-error">
                    {reasonError}
                  </p>
                )}
              </div>
            )}
          </>
        }
      />
    </>
  );
}
