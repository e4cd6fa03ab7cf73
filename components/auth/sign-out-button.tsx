"use client";

import { signOut } from "next-auth/react";
import { useI18n } from "../i18n/i18n-provider";

export function SignOutButton() {
  const { t } = useI18n();
  return (
    <button type="button" className="btn-secondary" onClick={() => void signOut({ callbackUrl: "/" })}>
      {t("nav.signOut")}
    </button>
  );
}
