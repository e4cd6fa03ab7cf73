"use client";

// Over 300 lines, left whole for now: the roster import is being reworked on another branch
// (issue 16). The preview table and the import's result, the bottom half, are the parts to
// move out once that lands.

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type ChangeEvent } from "react";
import {
  ROSTER_COLUMNS,
  ZRosterFileInput,
  type RosterKey,
  type TRosterFileInput,
  type TRosterPreview,
  type TRosterRowPreview,
} from "~/lib/schemas/roster";
import { useI18n } from "../i18n/i18n-provider";
import { ConfirmAction } from "../secretariat/confirm-action";
import { useTRPC } from "../trpc/trpc-provider";
import { useAppErrorMessage } from "../trpc/use-app-error";
import { FormStatus } from "./field";
import { issuesFromServer } from "./form-issues";

type Action = TRosterRowPreview["action"];
const ACTIONS: Action[] = ["create", "update", "unchanged", "error"];
/** Far above a roster's worth of problems; a 5,000-row preview is filtered rather than all drawn. */
const MAX_ROWS_SHOWN = 500;
const MAX_FILE_BYTES = 5 * 1024 * 1024;

const ACTION_STYLE: Record<Action, string> = {
  create: "border-green-700 bg-green-50 text-green-900",
  update: "border-blue-700 bg-blue-50 text-blue-900",
  unchanged: "border-stone-400 bg-stone-50 text-stone-800",
  error: "border-red-800 bg-red-50 text-red-900",
};

function isRosterKey(value: string): value is RosterKey {
  return ROSTER_COLUMNS.some((c) => c.key === value);
}

function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    // A data: URL is "data:<type>;base64,<payload>"; the server wants the payload.
    reader.onload = () => resolve(String(reader.result).replace(/^[^,]*,/, ""));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

export function RosterImport({ sessionId }: { sessionId: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useAppErrorMessage();
  const id = useId();
  const [file, setFile] = useState<TRosterFileInput | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const [preview, setPreview] = useState<TRosterPreview | null>(null);
  const [imported, setImported] = useState<TRosterPreview | null>(null);
  const [filter, setFilter] = useState<Action | "all">("all");
  const [error, setError] = useState<string | null>(null);
  const previewCall = useMutation(trpc.roster.preview.mutationOptions());
  const importCall = useMutation(trpc.roster.import.mutationOptions());

  async function onFile(e: ChangeEvent<HTMLInputElement>) {
    const chosen = e.target.files?.[0];
    // A new file means the old preview no longer describes what would be imported.
    setPreview(null);
    setFile(null);
    setError(null);
    setFileError(null);
    setFileName(chosen?.name ?? null);
    if (!chosen) return;
    if (chosen.size > MAX_FILE_BYTES) return setFileError(t("console.roster.fileTooBig"));
    try {
      const input = { sessionId, fileName: chosen.name, contentBase64: await readAsBase64(chosen) };
      const parsed = ZRosterFileInput.safeParse(input);
      if (!parsed.success) {
        const fileName = parsed.error.issues.some((i) => i.path[0] === "fileName");
        return setFileError(t(fileName ? "console.roster.fileType" : "console.roster.fileReadFailed"));
      }
      setFile(parsed.data);
    } catch {
      setFileError(t("console.roster.fileReadFailed"));
    }
  }

  async function onPreview() {
    if (!file) return setFileError(t("console.roster.fileType"));
    setError(null);
    setImported(null);
    try {
      setPreview(await previewCall.mutateAsync(file));
      setFilter("all");
    } catch (err) {
      if (issuesFromServer(err)?.some((i) => i.path === "fileName")) setFileError(t("console.roster.fileType"));
      else setError(errorText(err));
    }
  }

  async function onImport() {
    if (!file) return;
    const result = await importCall.mutateAsync(file);
    setImported(result);
    setPreview(null);
    setFile(null);
    setFileName(null);
    setInputKey((k) => k + 1);
    await queryClient.invalidateQueries({ queryKey: trpc.setup.pathKey() });
  }

  const ok = preview && !preview.fileProblem && preview.counts.error === 0;
  const changes = preview ? preview.counts.create + preview.counts.update : 0;
  const fieldList = (fields: TRosterRowPreview["changes"]) =>
    fields.map((f) => t(`console.roster.fields.${f}`)).join(t("console.roster.listSeparator"));

  return (
    <section aria-labelledby={`${id}-heading`} className="panel flex flex-col gap-4">
      <div>
        <h2 id={`${id}-heading`} className="text-xl font-bold">
          {t("console.roster.importHeading")}
        </h2>
        <p className="max-w-3xl text-base">{t("console.roster.importHint")}</p>
      </div>
      <p>
        <a
          href="/api/roster/template"
          download
          className="inline-flex min-h-11 items-center font-semibold text-brand-dark underline decoration-2 underline-offset-4"
        >
          {t("console.roster.template")}
        </a>
      </p>
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-0 flex-1 sm:max-w-lg">
          <label htmlFor={`${id}-file`} className="field-label">
            {t("console.roster.fileLabel")}
          </label>
          {/* The native control's words come from the browser's language; ours come from the catalog. */}
          <div className="flex flex-wrap items-center gap-3">
            <input
              key={inputKey}
              id={`${id}-file`}
              type="file"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onChange={onFile}
              aria-invalid={fileError ? true : undefined}
              aria-describedby={`${id}-file-name${fileError ? ` ${id}-file-error` : ""}`}
              className="peer sr-only"
            />
            <label
              htmlFor={`${id}-file`}
              className="btn-secondary cursor-pointer peer-focus-visible:outline-3 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-blue-700"
            >
              {t("console.roster.chooseFile")}
            </label>
            <span id={`${id}-file-name`} className="min-w-0 break-all text-base">
              {fileName ?? t("console.roster.noFile")}
            </span>
          </div>
          {fileError && (
            <p id={`${id}-file-error`} className="field-error">
              {fileError}
            </p>
          )}
        </div>
        <button type="button" className="btn-secondary" onClick={onPreview} disabled={!file || previewCall.isPending}>
          {previewCall.isPending ? t("console.roster.previewing") : t("console.roster.preview")}
        </button>
      </div>
      <FormStatus error={error} />

      {preview && file && (
        <div className="flex flex-col gap-4">
          <h3 className="text-lg font-bold">{t("console.roster.previewHeading", { file: file.fileName })}</h3>
          {preview.fileProblem ? (
            <p role="alert" className="rounded-lg border-2 border-red-800 bg-red-50 px-3 py-2 text-lg font-semibold text-red-900">
              {t(`console.roster.fileProblem.${preview.fileProblem}`, {
                columns: preview.missingColumns
                  .map((c) => (isRosterKey(c) ? t(`console.roster.columns.${c}`) : c))
                  .join(t("console.roster.listSeparator")),
              })}
            </p>
          ) : (
            <>
              <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" aria-live="polite">
                {ACTIONS.map((a) => (
                  <div key={a} className={`rounded-lg border-2 px-3 py-2 ${ACTION_STYLE[a]}`}>
                    <dt className="text-base font-semibold">{t(`console.roster.counts.${a}`)}</dt>
                    <dd className="text-3xl font-bold tabular-nums" data-testid={`count-${a}`}>
                      {preview.counts[a]}
                    </dd>
                  </div>
                ))}
              </dl>
              <PreviewTable preview={preview} filter={filter} setFilter={setFilter} fieldList={fieldList} />
            </>
          )}
          <div className="flex flex-col gap-2">
            <div>
              <ConfirmAction
                label={t("console.roster.import")}
                title={t("console.roster.confirmTitle")}
                body={t("console.roster.confirmBody", {
                  create: preview.counts.create,
                  update: preview.counts.update,
                  unchanged: preview.counts.unchanged,
                })}
                disabled={!ok || changes === 0 || importCall.isPending}
                onConfirm={onImport}
              />
            </div>
            {!ok && <p className="text-base font-semibold text-red-900">{t("console.roster.importDisabled")}</p>}
            {ok && changes === 0 && <p className="text-base">{t("console.roster.nothingToImport")}</p>}
          </div>
        </div>
      )}

      {imported && <ImportResult result={imported} fieldList={fieldList} />}
    </section>
  );
}

function PreviewTable({
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

function ImportResult({ result, fieldList }: { result: TRosterPreview; fieldList: (f: TRosterRowPreview["changes"]) => string }) {
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
