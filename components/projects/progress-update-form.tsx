"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { PHOTO_LIMITS, ZProgressUpdateInput } from "~/lib/schemas/projects";
import { Field, FormStatus } from "../console/field";
import { useI18n } from "../i18n/i18n-provider";
import { useAppErrorMessage } from "../trpc/use-app-error";
import { useTRPC } from "../trpc/trpc-provider";
import { formatDay } from "~/lib/format";
import { checkInput, serverFieldErrors, valueAtPath } from "./form-errors";

/** The server's limits, checked here first so nobody uploads 8 MB to be refused. */
const { perUpdate: MAX_PHOTOS, bytes: MAX_PHOTO_BYTES } = PHOTO_LIMITS;
const PHOTO_TYPES = ["image/jpeg", "image/png", "image/webp"];

interface Photo {
  key: string;
  file: File;
  preview: string;
  alt: string;
}

/** base64 without the data-URL prefix: how ZPhotoInput carries a photo. */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(reader.error ?? new Error("read failed"));
    reader.readAsDataURL(file);
  });
}

let nextKey = 0;

/**
 * A progress update (→ projects.postUpdate): text, percentage, money spent, up to four photos
 * each with its description. Published updates are never edited; a mistake is put right
 * by a new update marked as correcting an earlier one.
 */
export function ProgressUpdateForm({
  candidateId,
  earlier,
  last,
}: {
  candidateId: string;
  earlier: { id: string; createdAt: Date; percent: number; body: string }[];
  last: { percent: number; spentWan: string } | null;
}) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const errorText = useAppErrorMessage();
  const id = useId();
  const [body, setBody] = useState("");
  const [percent, setPercent] = useState(last ? String(last.percent) : "");
  const [spent, setSpent] = useState(last?.spentWan ?? "");
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [isCorrection, setIsCorrection] = useState(false);
  const [correctsId, setCorrectsId] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<{ ok?: string; error?: string }>({});
  const [reading, setReading] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const post = useMutation(trpc.projects.postUpdate.mutationOptions());

  // Previews are object URLs: free them when a photo is removed or the form goes away.
  const previews = useRef(new Set<string>());
  useEffect(() => {
    const urls = previews.current;
    return () => urls.forEach((u) => URL.revokeObjectURL(u));
  }, []);

  function addFiles(files: FileList | null) {
    if (!files) return;
    const problems: string[] = [];
    const added: Photo[] = [];
    for (const file of Array.from(files)) {
      if (!PHOTO_TYPES.includes(file.type)) problems.push(t("projects.update.photoType", { name: file.name }));
      else if (file.size > MAX_PHOTO_BYTES) problems.push(t("projects.update.photoTooLarge", { name: file.name }));
      else if (photos.length + added.length >= MAX_PHOTOS) problems.push(t("projects.update.tooManyPhotos", { max: MAX_PHOTOS }));
      else {
        const preview = URL.createObjectURL(file);
        previews.current.add(preview);
        added.push({ key: `p${++nextKey}`, file, preview, alt: "" });
      }
    }
    setPhotos((s) => [...s, ...added]);
    setErrors((e) => {
      const { photos: _drop, ...rest } = e;
      return problems.length ? { ...rest, photos: [...new Set(problems)].join(" ") } : rest;
    });
    if (fileInput.current) fileInput.current.value = "";
  }

  function removePhoto(key: string) {
    setPhotos((s) => {
      const gone = s.find((p) => p.key === key);
      if (gone) {
        URL.revokeObjectURL(gone.preview);
        previews.current.delete(gone.preview);
      }
      return s.filter((p) => p.key !== key);
    });
    setErrors({});
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setStatus({});
    // Checked without the photos' bytes first (cheap), then the photos are read.
    const shape = {
      candidateId,
      body,
      percent: percent.trim() === "" ? Number.NaN : Number(percent),
      spentWan: spent,
      correctsId: isCorrection ? correctsId || "" : null,
      photos: photos.map((p) => ({ contentBase64: "x", alt: p.alt })),
    };
    const at = (p: string) => valueAtPath(shape, p);
    const checked = checkInput(ZProgressUpdateInput, shape, t, at);
    if (!checked.ok) {
      setErrors(checked.errors);
      setStatus({ error: t("console.form.fixErrors") });
      return;
    }
    setErrors({});
    try {
      setReading(true);
      const encoded = await Promise.all(photos.map(async (p) => ({ contentBase64: await readBase64(p.file), alt: p.alt })));
      setReading(false);
      await post.mutateAsync({ ...checked.data, photos: encoded });
      setBody("");
      setPhotos([]);
      setIsCorrection(false);
      setCorrectsId("");
      setStatus({ ok: t("projects.update.posted") });
      router.refresh();
    } catch (err) {
      setReading(false);
      const fields = serverFieldErrors(err, t, at);
      if (fields) setErrors(fields.photo ? { ...fields, photos: t("projects.update.photoRefused") } : fields);
      setStatus({ error: errorText(err) });
    }
  }

  const busy = reading || post.isPending;
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="text-xl font-bold">
        {t("projects.update.heading")}
      </h2>
      <p className="text-base text-muted">{t("projects.update.hint")}</p>
      <Field id={`${id}-body`} label={t("projects.update.body")} error={errors.body}>
        {(c) => (
          <textarea
            {...c}
            name="body"
            className="field-input"
            rows={5}
            maxLength={5000}
            value={body}
            onChange={(e) => setBody(e.target.value)}
          />
        )}
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id={`${id}-percent`} label={t("projects.update.percent")} error={errors.percent}>
          {(c) => (
            <input
              {...c}
              name="percent"
              type="number"
              inputMode="numeric"
              min={0}
              max={100}
              step={1}
              className="field-input"
              value={percent}
              onChange={(e) => setPercent(e.target.value)}
            />
          )}
        </Field>
        <Field id={`${id}-spent`} label={t("projects.update.spent")} error={errors.spentWan}>
          {(c) => (
            <input
              {...c}
              name="spentWan"
              inputMode="decimal"
              className="field-input"
              value={spent}
              onChange={(e) => setSpent(e.target.value)}
            />
          )}
        </Field>
      </div>

      <Field
        id={`${id}-photos`}
        label={t("projects.update.photos")}
        hint={t("projects.update.photosHint", { max: MAX_PHOTOS })}
        error={errors.photos}
      >
        {(c) => (
          <input
            {...c}
            ref={fileInput}
            type="file"
            accept={PHOTO_TYPES.join(",")}
            multiple
            disabled={photos.length >= MAX_PHOTOS}
            className="field-input file:mr-3 file:rounded-md file:border-0 file:bg-stone-200 file:px-3 file:py-1"
            onChange={(e) => addFiles(e.target.files)}
          />
        )}
      </Field>
      {photos.length > 0 && (
        <ul className="flex flex-col gap-3">
          {photos.map((p, i) => (
            <li key={p.key} className="flex flex-col gap-2 rounded-lg border-2 border-stone-200 p-3 sm:flex-row sm:items-start">
              <img src={p.preview} alt="" className="h-24 w-32 shrink-0 rounded-md object-cover" />
              <div className="flex flex-1 flex-col gap-2">
                <Field
                  id={`${id}-${p.key}-alt`}
                  label={t("projects.update.photoAlt", { n: i + 1 })}
                  hint={t("projects.update.photoAltHint")}
                  error={errors[`photos.${i}.alt`]}
                >
                  {(c) => (
                    <input
                      {...c}
                      className="field-input"
                      maxLength={200}
                      value={p.alt}
                      onChange={(e) => setPhotos((s) => s.map((x) => (x.key === p.key ? { ...x, alt: e.target.value } : x)))}
                    />
                  )}
                </Field>
                <button
                  type="button"
                  className="btn-secondary self-start"
                  onClick={() => removePhoto(p.key)}
                  aria-label={t("projects.update.removePhotoN", { n: i + 1 })}
                >
                  {t("projects.update.removePhoto")}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}

      {earlier.length > 0 && (
        <fieldset className="flex flex-col gap-3 rounded-lg border-2 border-stone-200 p-3">
          <legend className="px-1 text-base font-semibold">{t("projects.update.correctionLegend")}</legend>
          <label className="flex min-h-11 cursor-pointer items-center gap-3 text-lg">
            <input type="checkbox" className="size-6" checked={isCorrection} onChange={(e) => setIsCorrection(e.target.checked)} />
            {t("projects.update.isCorrection")}
          </label>
          {isCorrection && (
            <Field id={`${id}-corrects`} label={t("projects.update.corrects")} error={errors.correctsId}>
              {(c) => (
                <select {...c} className="field-input" value={correctsId} onChange={(e) => setCorrectsId(e.target.value)}>
                  <option value="">{t("console.form.choose")}</option>
                  {earlier.map((u) => (
                    <option key={u.id} value={u.id}>
                      {t("projects.update.correctsOption", {
                        date: formatDay(u.createdAt, locale),
                        percent: u.percent,
                        text: u.body.slice(0, 30),
                      })}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
        </fieldset>
      )}

      <FormStatus ok={status.ok} error={status.error} />
      <button type="submit" className="btn-primary self-start" disabled={busy}>
        {busy ? t("projects.update.posting") : t("projects.update.submit")}
      </button>
    </form>
  );
}
