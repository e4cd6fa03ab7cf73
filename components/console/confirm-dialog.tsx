"use client";

import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import { useI18n } from "../i18n/i18n-provider";
import { useAppErrorMessage } from "../trpc/use-app-error";

/**
 * A controlled confirmation for lists with an action per row (one dialog for the whole
 * list, not one per row). It says what will happen; the step runs only from its own
 * confirm button, and a refusal stays in the dialog, localized.
 */
export function ConfirmDialog({
  open,
  title,
  body,
  confirmLabel,
  danger,
  focusCancel = true,
  confirmDisabled = false,
  onCancel,
  onConfirm,
}: {
  open: boolean;
  title: string;
  body: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  /** Focus starts on Cancel; false when the body has a field that takes focus itself. */
  focusCancel?: boolean;
  /** The body asks for something first (e.g. a second confirmation ticked). */
  confirmDisabled?: boolean;
  onCancel: () => void;
  onConfirm: () => Promise<unknown>;
}) {
  const { t } = useI18n();
  const errorText = useAppErrorMessage();
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (open && !el.open) {
      setError(null);
      el.showModal();
    } else if (!open && el.open) el.close();
  }, [open]);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setPending(true);
    setError(null);
    try {
      await onConfirm();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setPending(false);
    }
  }

  return (
    <dialog
      ref={dialog}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-xl border-2 border-stone-300 bg-white p-0 text-ink shadow-xl backdrop:bg-black/50"
      onClose={onCancel}
    >
      {open && (
        <form onSubmit={submit} className="flex flex-col gap-4 p-5">
          <h2 id={`${id}-title`} className="text-xl font-bold">
            {title}
          </h2>
          <div id={`${id}-body`} className="text-lg">
            {body}
          </div>
          <div aria-live="polite">
            {error && (
              <p role="alert" className="field-error">
                {error}
              </p>
            )}
          </div>
          <div className="flex flex-wrap justify-end gap-3">
            <button type="button" className="btn-secondary" onClick={onCancel} autoFocus={focusCancel}>
              {t("common.cancel")}
            </button>
            <button
              type="submit"
              className={danger ? "btn bg-red-800 text-white hover:bg-red-900" : "btn-primary"}
              disabled={pending || confirmDisabled}
            >
              {pending ? t("console.form.working") : confirmLabel}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
