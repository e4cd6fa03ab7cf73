"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { ZSupervisionReplyInput } from "~/lib/schemas/projects";
import { Field, FormStatus } from "../console/field";
import { useI18n } from "../i18n/i18n-provider";
import { useAppErrorMessage } from "../trpc/use-app-error";
import { useTRPC } from "../trpc/trpc-provider";
import { checkInput } from "./form-errors";

/** The responsible unit answers one supervision note (→ projects.reply). */
export function SupervisionReplyForm({ noteId, label }: { noteId: string; label: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const errorText = useAppErrorMessage();
  const id = useId();
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [status, setStatus] = useState<{ ok?: string; error?: string }>({});
  const reply = useMutation(trpc.projects.reply.mutationOptions());

  async function submit(e: FormEvent) {
    e.preventDefault();
    setStatus({});
    const checked = checkInput(ZSupervisionReplyInput, { noteId, body }, t, () => body);
    if (!checked.ok) {
      setError(checked.errors.body);
      return;
    }
    setError(undefined);
    try {
      await reply.mutateAsync(checked.data);
      setBody("");
      setStatus({ ok: t("projects.department.replied") });
      router.refresh();
    } catch (err) {
      setStatus({ error: errorText(err) });
    }
  }

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-2">
      <Field id={`${id}-reply`} label={label} error={error}>
        {(c) => (
          <textarea {...c} className="field-input" rows={3} maxLength={5000} value={body} onChange={(e) => setBody(e.target.value)} />
        )}
      </Field>
      <FormStatus ok={status.ok} error={status.error} />
      <button type="submit" className="btn-primary self-start" disabled={reply.isPending}>
        {reply.isPending ? t("console.form.saving") : t("projects.department.replySubmit")}
      </button>
    </form>
  );
}
