"use client";

import { useId, useRef, useState, type FormEvent } from "react";
import { useI18n } from "../i18n/i18n-provider";
import { useAppErrorMessage } from "../trpc/use-app-error";

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
 * A button for an irreversible step: it only opens a modal <dialog> that says what will
 * happen; the step runs from the dialog's own confirm button. Errors stay in the dialog
 * (localized), so the secretariat sees why nothing changed.
 */
export function ConfirmAction({ label, title, body, reason, danger, disabled, onConfirm }: ConfirmActionProps) {
  const { t } = useI18n();
  const errorText = useAppErrorMessage();
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [reasonText, setReasonText] = useState("");
  const [reasonError, setReasonError] = useState<string | null>(null);

  function open() {
    setError(null);
    setReasonError(null);
    setReasonText("");
    dialog.current?.showModal();
  }

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (reason) {
      const invalid = reason.invalid(reasonText);
      setReasonError(invalid);
      if (invalid) return;
    }
    setPending(true);
    setError(null);
    try {
      await onConfirm(reasonText.trim());
      dialog.current?.close();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setPending(false);
    }
  }

  const buttonClass = danger ? "btn-secondary border-red-800 text-red-900 hover:bg-red-50" : "btn-primary";
  return (
    <>
      <button type="button" className={buttonClass} onClick={open} disabled={disabled}>
        {label}
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-body`}
        className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-xl border-2 border-stone-300 bg-white p-0 text-ink shadow-xl backdrop:bg-black/50"
        onClose={() => setPending(false)}
      >
        <form onSubmit={submit} className="flex flex-col gap-4 p-5">
          <h2 id={`${id}-title`} className="text-xl font-bold">
            {title}
          </h2>
          <p id={`${id}-body`} className="text-lg">
            {body}
          </p>
          {reason && (
            <div>
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
          <div aria-live="polite">
            {error && (
              <p role="alert" className="field-error">
                {error}
              </p>
            )}
          </div>
          <div className="flex flex-wrap justify-end gap-3">
            <button type="button" className="btn-secondary" onClick={() => dialog.current?.close()} autoFocus={!reason}>
              {t("common.cancel")}
            </button>
            <button type="submit" className={danger ? "btn bg-red-800 text-white hover:bg-red-900" : "btn-primary"} disabled={pending}>
              {pending ? t("cockpit.working") : label}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
