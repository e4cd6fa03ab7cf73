"use client";

import { useRef, useState, type FormEvent, type ReactNode } from "react";
import type { SignInKind } from "~/lib/schemas/sign-in";
import { asSignInFailure, signInFailureText, type SignInFailure } from "~/lib/sign-in-failure";
import { useI18n } from "../i18n/i18n-provider";

/** A failure the server already reported (a form posted before the page's scripts ran), and what was typed. */
export interface SignInOutcome {
  kind: SignInKind;
  failure: SignInFailure;
  /** The card code or username, shown again so only the secret needs typing. */
  name?: string;
}

/**
 * One sign-in form, posting to /api/sign-in. It is a plain form first: tapped before the
 * page's scripts have arrived, the browser posts it and the server answers with the page
 * again, failure in place. Once the scripts run, the same post goes by fetch, so a failure
 * shows without a reload and the fields keep what was typed (a wrong PIN or password is
 * cleared and focused: that is what to type again).
 */
function SignInForm({
  kind,
  heading,
  hint,
  callbackUrl,
  hidden = {},
  outcome,
  submitLabel,
  children,
}: {
  kind: SignInKind;
  heading?: string;
  hint?: string;
  callbackUrl?: string;
  hidden?: Record<string, string>;
  outcome?: SignInOutcome;
  submitLabel: string;
  children?: (state: { failed: boolean; errorId: string; wrongSecret: boolean }) => ReactNode;
}) {
  const { t } = useI18n();
  const [failure, setFailure] = useState<SignInFailure | null>(outcome?.kind === kind ? outcome.failure : null);
  const [pending, setPending] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const errorId = `${kind}-sign-in-error`;

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const body = new URLSearchParams();
    for (const [k, v] of new FormData(e.currentTarget)) if (typeof v === "string") body.append(k, v);
    setPending(true);
    setFailure(null);
    let answer: SignInFailure;
    try {
      const res = await fetch("/api/sign-in", { method: "POST", body, headers: { accept: "application/json" } });
      const data = (await res.json().catch(() => null)) as { next?: string; error?: string } | null;
      if (res.ok && data?.next) {
        // A full load of the next page: the session is new, nothing the router cached before applies.
        window.location.assign(data.next);
        return;
      }
      answer = asSignInFailure(data?.error);
    } catch {
      answer = "NETWORK"; // no answer at all: the request or its reply was lost
    }
    setFailure(answer);
    setPending(false);
    if (answer === "INVALID_CREDENTIALS") {
      const secret = form.current?.querySelector<HTMLInputElement>("input[type=password]");
      if (secret) {
        secret.value = "";
        secret.focus();
      }
    }
  }

  return (
    <form
      ref={form}
      method="post"
      action="/api/sign-in"
      onSubmit={onSubmit}
      className="flex flex-col gap-4"
      aria-labelledby={heading ? `${kind}-heading` : undefined}
    >
      {heading && (
        <h2 id={`${kind}-heading`} className="text-xl font-bold">
          {heading}
        </h2>
      )}
      {hint && <p className="text-base text-muted">{hint}</p>}
      <input type="hidden" name="kind" value={kind} />
      {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children?.({ failed: failure !== null, errorId, wrongSecret: failure === "INVALID_CREDENTIALS" })}
      <div aria-live="polite">
        {failure && (
          <p id={errorId} role="alert" className="field-error">
            {signInFailureText(t, kind, failure)}
          </p>
        )}
      </div>
      <button type="submit" className="btn-primary" disabled={pending}>
        {pending ? t("signIn.submitting") : submitLabel}
      </button>
    </form>
  );
}

function Field({
  kind,
  name,
  label,
  secret,
  defaultValue,
  inputMode,
  autoFocus,
  state,
}: {
  kind: SignInKind;
  name: string;
  label: string;
  secret?: boolean;
  defaultValue?: string;
  inputMode?: "numeric" | "text";
  autoFocus?: boolean;
  state: { failed: boolean; errorId: string };
}) {
  const id = `${kind}-${name}`;
  return (
    <div>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <input
        id={id}
        name={name}
        type={secret ? "password" : "text"}
        required
        defaultValue={defaultValue}
        autoComplete={secret ? "current-password" : "username"}
        inputMode={inputMode}
        autoCapitalize={secret ? "off" : "characters"}
        autoFocus={autoFocus}
        className="field-input"
        aria-invalid={state.failed ? true : undefined}
        aria-describedby={state.failed ? state.errorId : undefined}
      />
    </div>
  );
}

export function SignInForms({ callbackUrl, outcome }: { callbackUrl?: string; outcome?: SignInOutcome }) {
  const { t } = useI18n();
  const nameFor = (kind: SignInKind) => (outcome?.kind === kind ? outcome.name : undefined);
  // Back from a wrong PIN or password, the cursor waits in that field.
  const focusSecret = (kind: SignInKind) => outcome?.kind === kind && outcome.failure === "INVALID_CREDENTIALS";
  return (
    <div className="grid gap-6 md:grid-cols-2">
      <div className="panel">
        <SignInForm
          kind="delegate"
          heading={t("signIn.delegateHeading")}
          hint={t("signIn.delegateHint")}
          callbackUrl={callbackUrl}
          outcome={outcome}
          submitLabel={t("signIn.submit")}
        >
          {(state) => (
            <>
              <Field kind="delegate" name="cardCode" label={t("signIn.cardCode")} defaultValue={nameFor("delegate")} state={state} />
              <Field
                kind="delegate"
                name="pin"
                label={t("signIn.pin")}
                secret
                inputMode="numeric"
                autoFocus={focusSecret("delegate")}
                state={state}
              />
            </>
          )}
        </SignInForm>
      </div>
      <div className="panel">
        <SignInForm
          kind="staff"
          heading={t("signIn.staffHeading")}
          hint={t("signIn.staffHint")}
          callbackUrl={callbackUrl}
          outcome={outcome}
          submitLabel={t("signIn.submit")}
        >
          {(state) => (
            <>
              <Field kind="staff" name="username" label={t("signIn.username")} defaultValue={nameFor("staff")} state={state} />
              <Field kind="staff" name="password" label={t("signIn.password")} secret autoFocus={focusSecret("staff")} state={state} />
            </>
          )}
        </SignInForm>
      </div>
    </div>
  );
}

/** The card's QR code: one tap signs in (an explicit tap, so a link preview never spends the one-time token). */
export function TokenSignIn({ token, failure }: { token: string; failure?: SignInFailure }) {
  const { t } = useI18n();
  return (
    <div className="flex flex-col gap-4">
      <p className="text-lg">{t("signIn.tokenBody")}</p>
      <SignInForm
        kind="token"
        hidden={{ token }}
        outcome={failure ? { kind: "token", failure } : undefined}
        submitLabel={t("signIn.tokenConfirm")}
      />
    </div>
  );
}
