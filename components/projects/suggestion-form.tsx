import type { ReactNode } from "react";
import type { MessageKey, Translate } from "~/lib/i18n/translate";
import { PostBanner, type PostResult } from "./post-result";

const FIELD_ERROR: Record<string, MessageKey> = {
  title: "projects.suggest.titleError",
  description: "projects.suggest.descriptionError",
  category: "projects.suggest.categoryError",
  location: "projects.suggest.locationError",
  contact: "projects.posts.contactError",
};

function Labelled({
  name,
  label,
  hint,
  result,
  t,
  children,
}: {
  name: string;
  label: string;
  hint: string;
  result: PostResult;
  t: Translate;
  children: (aria: { id: string; "aria-invalid"?: true; "aria-describedby": string }) => ReactNode;
}) {
  const id = `suggest-${name}`;
  const error = result.error === "BAD_INPUT" && result.fields.includes(name) ? t(FIELD_ERROR[name]!) : null;
  return (
    <div>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <p id={`${id}-hint`} className="mb-1 text-base text-muted">
        {hint}
      </p>
      {children({ id, "aria-invalid": error ? true : undefined, "aria-describedby": error ? `${id}-hint ${id}-error` : `${id}-hint` })}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/**
 * 征集: a plain POST form (works without JavaScript) to /api/suggestions, which redirects
 * back with the outcome. Limits mirror ZSuggestionInput so the browser catches most mistakes.
 */
export function SuggestionForm({ categories, result, t }: { categories: readonly string[]; result: PostResult; t: Translate }) {
  return (
    <form
      id="suggest-form"
      method="post"
      action="/api/suggestions"
      className="panel flex scroll-mt-4 flex-col gap-4"
      aria-labelledby="suggest-form-heading"
    >
      <h2 id="suggest-form-heading" className="text-xl font-bold">
        {t("projects.suggest.formHeading")}
      </h2>
      <PostBanner result={result} t={t} sentText={t("projects.suggest.sent")} />
      <Labelled name="title" label={t("projects.suggest.titleLabel")} hint={t("projects.suggest.titleHint")} result={result} t={t}>
        {(a) => <input {...a} name="title" required minLength={4} maxLength={100} className="field-input" />}
      </Labelled>
      <Labelled
        name="description"
        label={t("projects.suggest.description")}
        hint={t("projects.suggest.descriptionHint")}
        result={result}
        t={t}
      >
        {(a) => <textarea {...a} name="description" required minLength={10} maxLength={2000} rows={6} className="field-input" />}
      </Labelled>
      <Labelled name="category" label={t("common.category")} hint={t("projects.suggest.categoryHint")} result={result} t={t}>
        {(a) => (
          <select {...a} name="category" required defaultValue="" className="field-input">
            <option value="" disabled>
              {t("projects.suggest.choose")}
            </option>
            {categories.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
            <option value={t("projects.suggest.otherCategory")}>{t("projects.suggest.otherCategory")}</option>
          </select>
        )}
      </Labelled>
      <Labelled name="location" label={t("projects.suggest.location")} hint={t("projects.suggest.locationHint")} result={result} t={t}>
        {(a) => <input {...a} name="location" maxLength={100} className="field-input" />}
      </Labelled>
      <Labelled name="contact" label={t("projects.posts.contact")} hint={t("projects.posts.contactHint")} result={result} t={t}>
        {(a) => <input {...a} name="contact" maxLength={100} autoComplete="tel" className="field-input" />}
      </Labelled>
      <button type="submit" className="btn-primary self-start">
        {t("projects.suggest.submit")}
      </button>
    </form>
  );
}
