"use client";

import { useState } from "react";
import { ConfirmDialog } from "../console/confirm-dialog";
import { useI18n } from "../i18n/i18n-provider";
import { signOut } from "./sign-out";

/** Signing out asks first: on a phone, a stray tap would otherwise mean typing the card code and PIN again mid-session. */
export function SignOutButton({ audience }: { audience: "delegate" | "staff" }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="btn-secondary" onClick={() => setOpen(true)}>
        {t("nav.signOut")}
      </button>
      <ConfirmDialog
        open={open}
        title={t("nav.signOutConfirmTitle")}
        body={t(audience === "delegate" ? "nav.signOutConfirmDelegate" : "nav.signOutConfirmStaff")}
        confirmLabel={t("nav.signOut")}
        onCancel={() => setOpen(false)}
        onConfirm={() => signOut("/")}
      />
    </>
  );
}
