"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { formatWan } from "~/lib/format";
import type { TSlateCandidate } from "~/lib/schemas/slate";
import { useI18n } from "../i18n/i18n-provider";
import { ConfirmAction } from "../secretariat/confirm-action";
import { useTRPC } from "../trpc/trpc-provider";
import { useAppErrorMessage } from "../trpc/use-app-error";
import { CandidateForm, EMPTY, valuesOf, type Option } from "./candidate-form";
import { FormStatus } from "./field";

export function SlateEditor({
  sessionId,
  initialSlate,
  departments,
  suggestions,
}: {
  sessionId: string;
  initialSlate: TSlateCandidate[];
  departments: Option[];
  suggestions: Option[];
}) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useAppErrorMessage();
  const listKey = trpc.slate.list.queryKey({ sessionId });
  const slate = useQuery(trpc.slate.list.queryOptions({ sessionId }, { initialData: initialSlate })).data ?? initialSlate;
  const reorder = useMutation(trpc.slate.reorder.mutationOptions());
  const remove = useMutation(trpc.slate.delete.mutationOptions());
  const [editing, setEditing] = useState<string | null>(null);
  const [status, setStatus] = useState<{ ok?: string; error?: string } | null>(null);
  const categories = useMemo(() => [...new Set(slate.map((c) => c.category))], [slate]);

  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.slate.list.queryKey({ sessionId }) });

  async function move(index: number, delta: -1 | 1) {
    const ids = slate.map((c) => c.id);
    const other = index + delta;
    if (other < 0 || other >= ids.length) return;
    [ids[index], ids[other]] = [ids[other]!, ids[index]!];
    setStatus(null);
    // Show the new order at once; the server's answer (or a refusal) settles it.
    const byId = new Map(slate.map((c) => [c.id, c]));
    queryClient.setQueryData(
      listKey,
      ids.map((id, i) => ({ ...byId.get(id)!, sortOrder: i + 1 })),
    );
    try {
      await reorder.mutateAsync({ sessionId, candidateIds: ids });
      setStatus({ ok: t("console.slate.reordered") });
    } catch (err) {
      setStatus({ error: errorText(err) });
    } finally {
      await refresh();
    }
  }

  return (
    <div className="flex flex-col gap-6">
      <section aria-labelledby="slate-list" className="panel flex flex-col gap-3">
        <h2 id="slate-list" className="text-xl font-bold">
          {t("console.slate.listHeading", { count: slate.length })}
        </h2>
        <FormStatus ok={status?.ok} error={status?.error} />
        {slate.length === 0 ? (
          <p>{t("console.slate.empty")}</p>
        ) : (
          <ol className="flex flex-col divide-y divide-stone-200" aria-label={t("console.slate.listCaption")}>
            {slate.map((c, i) => (
              <li key={c.id} className="flex flex-col gap-3 py-3" data-testid="slate-item">
                <div className="flex flex-wrap items-start justify-between gap-3">
                  <div className="min-w-0 flex-1">
                    <p className="text-base text-muted">{t("console.slate.position", { n: i + 1 })}</p>
                    <h3 className="text-lg font-bold">{c.title}</h3>
                    <p className="text-base">
                      {t("console.slate.summaryLine", {
                        category: c.category,
                        unit: c.unitName,
                        budget: t("common.wan", { amount: formatWan(c.budgetWan, locale) }),
                        deadline: c.deadline,
                      })}
                    </p>
                    {c.inPolls > 0 && (
                      <p className="mt-1 inline-block rounded-md border border-amber-700 bg-amber-50 px-2 py-0.5 text-base font-semibold text-amber-950">
                        {t("console.slate.inPolls", { count: c.inPolls })}
                      </p>
                    )}
                  </div>
                  <div className="flex flex-wrap gap-2">
                    <button
                      type="button"
                      className="btn-secondary px-3"
                      onClick={() => move(i, -1)}
                      disabled={i === 0 || reorder.isPending}
                      aria-label={t("console.slate.moveUpLabel", { title: c.title })}
                    >
                      ↑ <span aria-hidden="true">{t("console.slate.moveUp")}</span>
                    </button>
                    <button
                      type="button"
                      className="btn-secondary px-3"
                      onClick={() => move(i, 1)}
                      disabled={i === slate.length - 1 || reorder.isPending}
                      aria-label={t("console.slate.moveDownLabel", { title: c.title })}
                    >
                      ↓ <span aria-hidden="true">{t("console.slate.moveDown")}</span>
                    </button>
                    <button
                      type="button"
                      className="btn-secondary px-3"
                      aria-expanded={editing === c.id}
                      aria-controls={`edit-${c.id}`}
                      aria-label={editing === c.id ? undefined : t("console.slate.editLabel", { title: c.title })}
                      onClick={() => setEditing(editing === c.id ? null : c.id)}
                    >
                      {editing === c.id ? t("console.slate.closeEdit") : t("console.slate.edit")}
                    </button>
                    {c.inPolls === 0 && (
                      <ConfirmAction
                        label={t("console.slate.delete")}
                        title={t("console.slate.deleteTitle", { title: c.title })}
                        body={t("console.slate.deleteBody")}
                        danger
                        onConfirm={async () => {
                          await remove.mutateAsync({ id: c.id });
                          setStatus({ ok: t("console.slate.deleted", { title: c.title }) });
                          if (editing === c.id) setEditing(null);
                          await refresh();
                        }}
                      />
                    )}
                  </div>
                </div>
                {editing === c.id && (
                  <div id={`edit-${c.id}`} className="rounded-lg border-2 border-stone-300 p-3">
                    <h4 className="mb-2 text-lg font-bold">{t("console.slate.editHeading", { title: c.title })}</h4>
                    {c.inPolls > 0 && <p className="mb-3 text-base font-semibold text-amber-950">{t("console.slate.frozenNote")}</p>}
                    <CandidateForm
                      mode={{ kind: "update", id: c.id }}
                      initial={valuesOf(c)}
                      departments={departments}
                      suggestions={suggestions}
                      categories={categories}
                      onSaved={async (title) => {
                        setEditing(null);
                        setStatus({ ok: t("console.slate.updated", { title }) });
                        await refresh();
                      }}
                    />
                  </div>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="slate-create" className="panel">
        <h2 id="slate-create" className="mb-3 text-xl font-bold">
          {t("console.slate.createHeading")}
        </h2>
        <CandidateForm
          mode={{ kind: "create", sessionId }}
          initial={EMPTY}
          departments={departments}
          suggestions={suggestions}
          categories={categories}
          onSaved={refresh}
        />
      </section>
    </div>
  );
}

/**
 * Every field of a candidate, checked here with the same zod schema the server checks with;
 * what the clerk typed stays in the form whatever the answer.
 */
