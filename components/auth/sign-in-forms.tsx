"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { isAppErrorCode } from "~/lib/app-error-codes";
import { useI18n } from "../i18n/i18n-provider";

type Provider = "delegate-pin" | "staff";

/** Maps next-auth's `error` (our AppError code, or its own words) to a catalog message. */
export function useSignInError() {
  const { t } = useI18n();
  return (error: string | null | undefined) =>
    !error
      ? null
      : isAppErrorCode(error)
        ? t(`errors.${error}`)
        : error === "CredentialsSignin"
          ? t("errors.INVALID_CREDENTIALS")
          : t("errors.INTERNAL");
}

function CredentialsForm({
  provider,
  fields,
  heading,
  hint,
  callbackUrl,
}: {
  provider: Provider;
  fields: { name: string; label: string; type: "text" | "password"; autoComplete: string; inputMode?: "numeric" | "text" }[];
  heading: string;
  hint: string;
  callbackUrl: string;
}) {
  const { t } = useI18n();
  const router = useRouter();
  const errorText = useSignInError();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const id = (name: string) => `${provider}-${name}`;

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = Object.fromEntries(new FormData(e.currentTarget)) as Record<string, string>;
    setPending(true);
    setError(null);
    try {
      const res = await signIn(provider, { ...data, redirect: false });
      if (res?.ok && !res.error) {
        router.replace(callbackUrl);
        router.refresh();
        return;
      }
      setError(errorText(res?.error ?? "INTERNAL"));
    } catch {
      setError(t("errors.NETWORK"));
    }
    setPending(false);
  }

  return (
    <form onSubmit={onSubmit} className="panel flex flex-col gap-4" aria-labelledby={`${provider}-heading`} noValidate={false}>
      <h2 id={`${provider}-heading`} className="text-xl font-bold">
        {heading}
      </h2>
      <p className="text-base text-muted">{hint}</p>
      {fields.map((f) => (
        <div key={f.name}>
          <label htmlFor={id(f.name)} className="field-label">
            {f.label}
          </label>
          <input
            id={id(f.name)}
            name={f.name}
            type={f.type}
            required
            autoComplete={f.autoComplete}
            inputMode={f.inputMode}
            autoCapitalize="characters"
            className="field-input"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${provider}-error` : undefined}
          />
        </div>
      ))}
      <div aria-live="polite">
        {error && (
          <p id={`${provider}-error`} role="alert" className="field-error">
            {error}
          </p>
        )}
      </div>
      <button type="submit" className="btn-primary" disabled={pending}>
        {pending ? t("signIn.submitting") : t("signIn.submit")}
      </button>
    </form>
  );
}

export function SignInForms({ callbackUrl, initialError }: { callbackUrl: string; initialError?: string }) {
  const { t } = useI18n();
  const errorText = useSignInError();
  return (
    <div className="flex flex-col gap-6">
      {initialError && (
        <p role="alert" className="field-error panel">
          {errorText(initialError)}
        </p>
      )}
      <div className="grid gap-6 md:grid-cols-2">
        <CredentialsForm
          provider="delegate-pin"
          heading={t("signIn.delegateHeading")}
          hint={t("signIn.delegateHint")}
          callbackUrl={callbackUrl}
          fields={[
            { name: "cardCode", label: t("signIn.cardCode"), type: "text", autoComplete: "username" },
            { name: "pin", label: t("signIn.pin"), type: "password", autoComplete: "current-password", inputMode: "numeric" },
          ]}
        />
        <CredentialsForm
          provider="staff"
          heading={t("signIn.staffHeading")}
          hint={t("signIn.staffHint")}
          callbackUrl={callbackUrl}
          fields={[
            { name: "username", label: t("signIn.username"), type: "text", autoComplete: "username" },
            { name: "password", label: t("signIn.password"), type: "password", autoComplete: "current-password" },
          ]}
        />
      </div>
    </div>
  );
}

export function TokenSignIn({ token }: { token: string }) {
  const { t } = useI18n();
  const router = useRouter();
  const errorText = useSignInError();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function confirm() {
    setPending(true);
    setError(null);
    try {
      const res = await signIn("delegate-token", { token, redirect: false });
      if (res?.ok && !res.error) {
        router.replace("/delegate");
        router.refresh();
        return;
      }
      setError(errorText(res?.error ?? "INTERNAL"));
    } catch {
      setError(t("errors.NETWORK"));
    }
    setPending(false);
  }

  return (
    <div className="flex flex-col gap-4">
      <p className="text-lg">{t("signIn.tokenBody")}</p>
      <div aria-live="polite">
        {error && (
          <p role="alert" className="field-error">
            {error}
          </p>
        )}
      </div>
      <button type="button" className="btn-primary" onClick={() => void confirm()} disabled={pending}>
        {pending ? t("signIn.submitting") : t("signIn.tokenConfirm")}
      </button>
    </div>
  );
}
