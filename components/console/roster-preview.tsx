"use client";

import { useId } from "react";
import type { TRosterPreview, TRosterRowPreview } from "~/lib/schemas/roster";
import { useI18n } from "../i18n/i18n-provider";
import { FormStatus } from "./field";

export type Action = TRosterRowPreview["action"];
export const ACTIONS: Action[] = ["create", "update", "unchanged", "error"];
/** Far above a roster's worth of problems; a 5,000-row preview is filtered rather than all drawn. */
const MAX_ROWS_SHOWN = 500;

export const ACTION_STYLE: Record<Action, string> = {
  create: "border-green-700 bg-green-50 text-green-900",
  update: "border-blue-700 bg-blue-50 text-blue-900",
  unchanged: "border-stone-400 bg-stone-50 text-stone-800",
  error: "border-red-800 bg-red-50 text-red-900",
};

/** What an import would do, row by row, filterable by action: read before anything is written. */
export function PreviewTable({
  preview,
  filter,
  setFilter,
  fieldList,
}: {
  preview: TRosterPreview;
  filter: Action | "all";
  setFilter: (f: Action | "all") => void;
  fieldList: (f: TRosterRowPreview["changes"]) => string;
}) {
  const { t } = useI18n();
  const id = useId();
  const rows = filter === "all" ? preview.rows : preview.rows.filter((r) => r.action === filter);
  const shown = rows.slice(0, MAX_ROWS_SHOWN);
  return (
    <div className="flex flex-col gap-2">
      <div className="sm:max-w-xs">
        <label htmlFor={`${id}-filter`} className="field-label">
          {t("console.roster.filterLabel")}
        </label>
        <select id={`${id}-filter`} className="field-input" value={filter} onChange={(e) => setFilter(e.target.value as Action | "all")}>
          <option value="all">{t("console.roster.filterAll", { count: preview.rows.length })}</option>
          {ACTIONS.map((a) => (
            <option key={a} value={a}>
              {t("console.roster.filterOne", { label: t(`console.roster.counts.${a}`), count: preview.counts[a] })}
            </option>
          ))}
        </select>
      </div>
      {rows.length > shown.length && (
        <p className="text-base">{t("console.roster.showingFirst", { total: rows.length, shown: shown.length })}</p>
      )}
      {/* Focusable so a keyboard can scroll it sideways on a narrow screen. */}
      <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={t("console.roster.tableCaption")}>
        <table className="w-full min-w-[50rem] border-collapse text-left text-base">
          <caption className="sr-only">{t("console.roster.tableCaption")}</caption>
          <thead>
            <tr className="border-b-2 border-stone-300 whitespace-nowrap">
              <th scope="col" className="py-2 pr-2 text-right">
                {t("console.roster.line")}
              </th>
              <th scope="col" className="px-2 py-2">
                {t("console.roster.name")}
              </th>
              <th scope="col" className="px-2 py-2">
                {t("console.roster.delegation")}
              </th>
              <th scope="col" className="px-2 py-2">
                {t("console.roster.seat")}
              </th>
              <th scope="col" className="px-2 py-2">
                {t("console.roster.cardCode")}
              </th>
              <th scope="col" className="px-2 py-2">
                {t("console.roster.phone")}
              </th>
              <th scope="col" className="px-2 py-2">
                {t("console.roster.action")}
              </th>
              <th scope="col" className="px-2 py-2">
                {t("console.roster.details")}
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.line} className={`border-b border-stone-200 align-top ${r.action === "error" ? "bg-red-50" : ""}`}>
                <th scope="row" className="py-2 pr-2 text-right font-normal tabular-nums">
                  {r.line}
                </th>
                <td className="px-2 py-2">{r.name}</td>
                <td className="px-2 py-2">{r.delegation}</td>
                <td className="px-2 py-2 tabular-nums">{r.seat}</td>
                <td className="px-2 py-2 font-mono">{r.cardCode}</td>
                <td className="px-2 py-2 tabular-nums">{r.phone}</td>
                <td className="px-2 py-2">
                  <span className={`inline-block whitespace-nowrap rounded-md border px-2 py-0.5 font-semibold ${ACTION_STYLE[r.action]}`}>
                    {t(`console.roster.actions.${r.action}`)}
                  </span>
                </td>
                <td className="px-2 py-2">
                  {r.problems.length > 0 && (
                    <ul className="list-disc pl-5 font-semibold text-red-900">
                      {r.problems.map((p) => (
                        <li key={p}>{t(`console.roster.problems.${p}`)}</li>
                      ))}
                    </ul>
                  )}
                  {r.changes.length > 0 && <span>{t("console.roster.willChange", { fields: fieldList(r.changes) })}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** What the import did: the counts, and which delegates changed and how. */
export function ImportResult({ result, fieldList }: { result: TRosterPreview; fieldList: (f: TRosterRowPreview["changes"]) => string }) {
  const { t } = useI18n();
  const id = useId();
  const updated = result.rows.filter((r) => r.action === "update");
  return (
    <div className="flex flex-col gap-3">
      <FormStatus
        ok={t("console.roster.imported", {
          create: result.counts.create,
          update: result.counts.update,
          unchanged: result.counts.unchanged,
        })}
      />
      {updated.length > 0 && (
        <section aria-labelledby={`${id}-updated`}>
          <h3 id={`${id}-updated`} className="mb-2 text-lg font-bold">
            {t("console.roster.updatedHeading", { count: updated.length })}
          </h3>
          <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={t("console.roster.updatedCaption")}>
            <table className="w-full min-w-[36rem] text-left text-base">
              <caption className="sr-only">{t("console.roster.updatedCaption")}</caption>
              <thead>
                <tr className="border-b-2 border-stone-300">
                  <th scope="col" className="py-2 pr-2">
                    {t("console.roster.cardCode")}
                  </th>
                  <th scope="col" className="px-2 py-2">
                    {t("console.roster.name")}
                  </th>
                  <th scope="col" className="px-2 py-2">
                    {t("console.roster.delegation")}
                  </th>
                  <th scope="col" className="px-2 py-2">
                    {t("console.roster.seat")}
                  </th>
                  <th scope="col" className="px-2 py-2">
                    {t("console.roster.details")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {updated.map((r) => (
                  <tr key={r.line} className="border-b border-stone-200">
                    <th scope="row" className="py-2 pr-2 font-mono font-normal">
                      {r.cardCode}
                    </th>
                    <td className="px-2 py-2">{r.name}</td>
                    <td className="px-2 py-2">{r.delegation}</td>
                    <td className="px-2 py-2 tabular-nums">{r.seat}</td>
                    <td className="px-2 py-2">{t("console.roster.changed", { fields: fieldList(r.changes) })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </div>
  );
}
