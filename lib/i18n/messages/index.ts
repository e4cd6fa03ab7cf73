import type { Locale } from "../config";
import en from "./en";
import zhCN, { type Messages } from "./zh-CN";

export const CATALOGS: Record<Locale, Messages> = { "zh-CN": zhCN, en };
export type { Messages };
