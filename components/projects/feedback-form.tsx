import type { Translate } from "~/lib/i18n/translate";
import { PostBanner, type PostResult } from "./post-result";

/**
 * A resident's feedback on a project: a plain POST form to a route handler that redirects
 * back here, so it works without JavaScript. Limits mirror ZFeedbackInput so the browser
 * stops most mistakes before sending.
 */
export function FeedbackForm({ candidateId, result, t }: { candidateId: string; result: PostResult; t: Translate }) {
  const bodyError = result.error === "BAD_INPUT" && result.fields.includes("body");
  const contactError = result.error === "BAD_INPUT" && result.fields.includes("contact");
  return (
    <form
      id="feedback-form"
      method="post"
      action={`/api/projects/${candidateId}/feedback`}
      className="flex flex-col gap-3"
      aria-labelledby="feedback-form-heading"
    >
      <h3 id="feedback-form-heading" className="text-lg font-bold">
        {t("projects.feedback.formHeading")}
      </h3>
      <PostBanner result={result} t={t} sentText={t("projects.posts.sent")} />
      <div>
        <label htmlFor="feedback-body" className="field-label">
          {t("projects.feedback.body")}
        </label>
        <p id="feedback-body-hint" className="mb-1 text-base text-muted">
          {t("projects.feedback.bodyHint")}
        </p>
        <textarea
          id="feedback-body"
          name="body"
          required
          minLength={4}
          maxLength={1000}
          rows={4}
          className="field-input"
          aria-invalid={bodyError || undefined}
          aria-describedby={bodyError ? "feedback-body-hint feedback-body-error" : "feedback-body-hint"}
        />
        {bodyError && (
          <p id="feedback-body-error" className="field-error">
            {t("projects.feedback.bodyError")}
          </p>
        )}
      </div>
      <div>
        <label htmlFor="feedback-contact" className="field-label">
          {t("projects.posts.contact")}
        </label>
        <p id="feedback-contact-hint" className="mb-1 text-base text-muted">
          {t("projects.posts.contactHint")}
        </p>
        <input
          id="feedback-contact"
          name="contact"
          maxLength={100}
          autoComplete="tel"
          className="field-input"
          aria-invalid={contactError || undefined}
          aria-describedby={contactError ? "feedback-contact-hint feedback-contact-error" : "feedback-contact-hint"}
        />
        {contactError && (
          <p id="feedback-contact-error" className="field-error">
            {t("projects.posts.contactError")}
          </p>
        )}
      </div>
      <button type="submit" className="btn-primary self-start">
        {t("projects.feedback.submit")}
      </button>
    </form>
  );
}
