import type { Translate } from "~/lib/i18n/translate";

/**
 * A receipt code typed back from paper: a plain GET form, so it works without JavaScript.
 * The code goes in `name`; large type and a full-height button for a phone.
 */
export function ReceiptCodeForm({
  action,
  name,
  value,
  invalid,
  t,
}: {
  action: string;
  name: string;
  value: string;
  invalid: boolean;
  t: Translate;
}) {
  return (
    <>
      <form method="get" action={action} className="flex flex-wrap items-end gap-3">
        <div className="min-w-0 flex-1 basis-56">
          <label htmlFor="receipt-code" className="field-label">
            {t("results.tracker.label")}
          </label>
          <input
            id="receipt-code"
            name={name}
            className="field-input font-mono text-xl uppercase"
            defaultValue={value}
            maxLength={20}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            aria-invalid={invalid || undefined}
            aria-describedby={invalid ? "receipt-code-error" : undefined}
          />
        </div>
        <button type="submit" className="btn-primary min-h-12 text-lg">
          {t("results.tracker.submit")}
        </button>
      </form>
      {invalid && (
        <p id="receipt-code-error" role="alert" className="field-error">
          {t("results.tracker.invalid")}
        </p>
      )}
    </>
  );
}
