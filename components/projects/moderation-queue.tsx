"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { formatDateTime } from "~/lib/format";
import { ConfirmAction } from "../secretariat/confirm-action";
import { useI18n } from "../i18n/i18n-provider";
import { useTRPC } from "../trpc/trpc-provider";
import type { TPendingPosts } from "./types";

type Item = {
  kind: "suggestion" | "feedback";
  id: string;
  heading: string;
  body: string;
  meta: string | null;
  contact: string | null;
  createdAt: Date;
};

/**
 * Residents' posts waiting for the secretariat, oldest first. Nothing is public before it is
 * approved here; each decision asks first and is audited (→ projects.moderate).
 */
export function ModerationQueue({ pending }: { pending: TPendingPosts }) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const moderate = useMutation(trpc.projects.moderate.mutationOptions());

  const items: Item[] = [
    ...pending.suggestions.map((s) => ({
      kind: "suggestion" as const,
      id: s.id,
      heading: s.title,
      body: s.description,
      createdAt: s.createdAt,
      contact: s.contact,
      meta: [s.category, s.location].filter(Boolean).join(" · "),
    })),
    ...pending.feedback.map((f) => ({
      kind: "feedback" as const,
      id: f.id,
      heading: t("projects.followup.onProject", { title: f.candidate.title }),
      body: f.body,
      createdAt: f.createdAt,
      contact: f.contact,
      meta: null,
    })),
  ].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());

  if (items.length === 0) return <p className="text-lg text-muted">{t("projects.followup.noPending")}</p>;
  const decide = async (item: Item, approve: boolean) => {
    await moderate.mutateAsync({ kind: item.kind, id: item.id, approve });
    router.refresh();
  };
  return (
    <ul className="flex flex-col gap-3">
      {items.map((item) => (
        <li key={item.id} className="flex flex-col gap-2 rounded-lg border-2 border-stone-200 p-3" aria-labelledby={`post-${item.id}`}>
          <p className="flex flex-wrap items-center gap-2 text-base text-muted">
            <span className="rounded-md bg-stone-200 px-2 font-semibold text-ink">{t(`projects.followup.kind.${item.kind}`)}</span>
            <time dateTime={item.createdAt.toISOString()}>{formatDateTime(item.createdAt, t, locale)}</time>
            {item.meta && <span>{item.meta}</span>}
          </p>
          <h3 id={`post-${item.id}`} className="text-lg font-bold">
            {item.heading}
          </h3>
          <p className="whitespace-pre-line text-lg">{item.body}</p>
          {item.contact && <p className="text-base">{t("projects.followup.contact", { contact: item.contact })}</p>}
          <div className="flex flex-wrap gap-2">
            <ConfirmAction
              label={t("projects.followup.approve")}
              title={t("projects.followup.approveTitle")}
              body={t("projects.followup.approveBody", { text: item.body.slice(0, 60) })}
              onConfirm={() => decide(item, true)}
            />
            <ConfirmAction
              label={t("projects.followup.reject")}
              title={t("projects.followup.rejectTitle")}
              body={t("projects.followup.rejectBody", { text: item.body.slice(0, 60) })}
              danger
              onConfirm={() => decide(item, false)}
            />
          </div>
        </li>
      ))}
    </ul>
  );
}
