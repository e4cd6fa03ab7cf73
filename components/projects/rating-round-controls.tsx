"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { formatDateTime } from "~/lib/format";
import { Field } from "../console/field";
import { ConfirmAction } from "../secretariat/confirm-action";
import { useI18n } from "../i18n/i18n-provider";
import { useTRPC } from "../trpc/trpc-provider";
import { GRADE_ORDER } from "./rating-summary";
import { percentOf } from "./figures";
import type { TProjectRating, TRatingRound } from "./types";

const COUNT_OF = { SATISFIED: "satisfied", BASIC: "basic", UNSATISFIED: "unsatisfied" } as const;

/**
 * 满意度测评 for the secretariat: start a round over the session's approved projects, close it,
 * publish it — each step confirmed; counts are visible to staff once it is closed (never while open: only how many have rated), before publication.
 */
export function RatingRoundControls({
  sessionId,
  defaultTitle,
  approvedCount,
  round,
  counts,
  titles,
}: {
  sessionId: string;
  defaultTitle: string;
  approvedCount: number;
  round: TRatingRound | null;
  counts: TProjectRating[] | null;
  titles: Record<string, string>;
}) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const id = useId();
  const [title, setTitle] = useState(defaultTitle);
  const start = useMutation(trpc.projects.startRating.mutationOptions());
  const close = useMutation(trpc.projects.closeRating.mutationOptions());
  const publish = useMutation(trpc.projects.publishRating.mutationOptions());

  const canStart = !round || round.status === "PUBLISHED" || round.status === "CLOSED";

  const trimmed = title.trim();
  const titleOk = trimmed.length >= 2 && trimmed.length <= 100;

  return (
    <div className="flex flex-col gap-4">
      {round ? (
        <div className="flex flex-col gap-3 rounded-lg border-2 border-stone-300 p-3">
          <p className="text-lg font-bold">{round.title}</p>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-base">
            <dt className="text-muted">{t("projects.followup.roundStatusLabel")}</dt>
            <dd className="font-semibold">{t(`projects.followup.roundStatus.${round.status}`)}</dd>
            <dt className="text-muted">{t("projects.followup.raters")}</dt>
            <dd className="tabular-nums">{round._count.participations}</dd>
            {round.openedAt && (
              <>
                <dt className="text-muted">{t("projects.followup.openedAt")}</dt>
                <dd>{formatDateTime(round.openedAt, t, locale)}</dd>
              </>
            )}
            {round.publishedAt && (
              <>
                <dt className="text-muted">{t("projects.followup.publishedAt")}</dt>
                <dd>{formatDateTime(round.publishedAt, t, locale)}</dd>
              </>
            )}
          </dl>
          <div className="flex flex-wrap gap-2">
            {round.status === "OPEN" && (
              <ConfirmAction
                label={t("projects.followup.close")}
                title={t("projects.followup.closeTitle")}
                body={t("projects.followup.closeBody", { count: round._count.participations })}
                onConfirm={async () => {
                  await close.mutateAsync({ roundId: round.id });
                  router.refresh();
                }}
              />
            )}
            {round.status === "CLOSED" && (
              <ConfirmAction
                label={t("projects.followup.publish")}
                title={t("projects.followup.publishTitle")}
                body={t("projects.followup.publishBody")}
                onConfirm={async () => {
                  await publish.mutateAsync({ roundId: round.id });
                  router.refresh();
                }}
              />
            )}
          </div>
          {counts && (
            <div className="overflow-x-auto">
              <table className="w-full text-left text-base">
                <caption className="mb-1 text-left font-semibold">{t("projects.followup.countsCaption")}</caption>
                <thead>
                  <tr className="border-b-2 border-stone-300">
                    <th scope="col" className="py-2">
                      {t("projects.followup.project")}
                    </th>
                    {GRADE_ORDER.map((g) => (
                      <th key={g} scope="col" className="py-2 text-right">
                        {t(`projects.grade.${g}`)}
                      </th>
                    ))}
                    <th scope="col" className="py-2 text-right">
                      {t("projects.rating.gradeColumn")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {Object.entries(titles).map(([candidateId, projectTitle]) => {
                    const r = counts.find((c) => c.candidateId === candidateId);
                    const total = r ? r.satisfied + r.basic + r.unsatisfied : 0;
                    return (
                      <tr key={candidateId} className="border-b border-stone-200">
                        <th scope="row" className="py-2 pr-2 font-normal">
                          {projectTitle}
                        </th>
                        {GRADE_ORDER.map((g) => (
                          <td key={g} className="py-2 text-right tabular-nums whitespace-nowrap">
                            {t("projects.followup.countCell", {
                              count: r ? r[COUNT_OF[g]] : 0,
                              percent: r ? percentOf(r[COUNT_OF[g]], total) : 0,
                            })}
                          </td>
                        ))}
                        <td className="py-2 text-right font-semibold whitespace-nowrap">
                          {r?.grade ? t(`projects.grade.${r.grade}`) : "—"}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </div>
      ) : (
        <p className="text-lg text-muted">{t("projects.followup.noRounds")}</p>
      )}

      {canStart && (
        <section className="flex flex-col gap-3" aria-labelledby={`${id}-start`}>
          <h3 id={`${id}-start`} className="text-lg font-bold">
            {t("projects.followup.startHeading")}
          </h3>
          <Field
            id={`${id}-title`}
            label={t("projects.followup.roundTitle")}
            hint={t("projects.followup.startHint", { count: approvedCount })}
            error={titleOk ? undefined : t("projects.followup.roundTitleError")}
          >
            {(c) => <input {...c} className="field-input" maxLength={100} value={title} onChange={(e) => setTitle(e.target.value)} />}
          </Field>
          <div>
            <ConfirmAction
              label={t("projects.followup.start")}
              title={t("projects.followup.startTitle")}
              body={t("projects.followup.startBody", { title: trimmed, count: approvedCount })}
              disabled={!titleOk || approvedCount === 0}
              onConfirm={async () => {
                await start.mutateAsync({ sessionId, title: trimmed });
                router.refresh();
              }}
            />
          </div>
        </section>
      )}
    </div>
  );
}
