"use client";

import { createContext, useContext, useMemo, type ReactNode } from "react";
import type { Locale } from "~/lib/i18n/config";
import type { Messages } from "~/lib/i18n/messages";
import { makeTranslate, type Translate } from "~/lib/i18n/translate";

const I18nContext = createContext<{ locale: Locale; t: Translate } | null>(null);

export function I18nProvider({ locale, messages, children }: { locale: Locale; messages: Partial<Messages>; children: ReactNode }) {
  const value = useMemo(() => ({ locale, t: makeTranslate(messages) }), [locale, messages]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n() {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n must be used inside <I18nProvider>");
  return value;
}
