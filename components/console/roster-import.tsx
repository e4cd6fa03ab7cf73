"use client";

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
import { ACTION_STYLE, ACTIONS, ImportResult, PreviewTable, type Action } from "./roster-preview";

const MAX_FILE_BYTES = 5 * 1024 * 1024;

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
