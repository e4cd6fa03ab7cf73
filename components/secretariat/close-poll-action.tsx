"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import type { TCloseOutlook } from "~/lib/schemas/vote";
import type { Translate } from "~/lib/i18n/translate";
import { ConfirmDialog } from "../console/confirm-dialog";
import { useI18n } from "../i18n/i18n-provider";
import { useTRPC } from "../trpc/trpc-provider";

/**
 * 结束表决, which cannot be undone. Before the close the dialog asks the server whether the
 * ballots returned so far can pass anything under the poll's basis (turnout only, never a
 * count). When nothing can pass, or passing is unlikely, it says so in numbers and the close
 * needs a second, explicit confirmation — a hall once closed a poll that could elect nothing.
 */
export function ClosePollAction({
  pollId,
  title,
  returned,
  issued,
  onClosed,
}: {
  pollId: string;
  title: string;
  returned: number;
  issued: number;
  onClosed: () => unknown;
}) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [acknowledged, setAcknowledged] = useState(false);
  // Asked afresh each time the dialog opens: turnout moves while the poll is open.
  const outlook = useQuery({ ...trpc.secretariat.closeOutlook.queryOptions({ pollId }), enabled: open, staleTime: 0, gcTime: 0, retry: 1 });
  const closePoll = useMutation(trpc.secretariat.closePoll.mutationOptions({ onSuccess: onClosed }));

  const warning = outlook.data ? warningText(outlook.data, t) : null;
  const needsSecondConfirmation = outlook.isError || warning !== null;

  return (
    <>
      <button
        type="button"
        className="btn-primary"
        onClick={() => {
          setAcknowledged(false);
          setOpen(true);
        }}
      >
        {t("cockpit.actions.close")}
      </button>
      <ConfirmDialog
        open={open}
        title={t("cockpit.confirm.closeTitle")}
        confirmLabel={needsSecondConfirmation ? t("cockpit.confirm.closeAnyway") : t("cockpit.actions.close")}
        danger={needsSecondConfirmation}
        confirmDisabled={outlook.isPending || (needsSecondConfirmation && !acknowledged)}
        onCancel={() => setOpen(false)}
        onConfirm={async () => {
          await closePoll.mutateAsync({ pollId });
          setOpen(false);
        }}
        body={
          <div className="flex flex-col gap-3">
            <p>
              {t("cockpit.confirm.closeBody", {
                title,
                returned: outlook.data?.returned ?? returned,
                issued: outlook.data?.issued ?? issued,
              })}
            </p>
            <div aria-live="polite">
              {outlook.isPending && <p className="text-muted">{t("cockpit.confirm.closeChecking")}</p>}
              {(warning || outlook.isError) && (
                <div
                  role="alert"
                  className="flex flex-col gap-2 rounded-lg border-2 border-red-800 bg-red-50 p-3 font-semibold text-red-950"
                >
                  {(warning ?? [t("cockpit.confirm.closeCheckFailed")]).map((line) => (
                    <p key={line}>{line}</p>
                  ))}
                </div>
              )}
            </div>
            {needsSecondConfirmation && (
              <label htmlFor={`${id}-ack`} className="flex min-h-11 cursor-pointer items-center gap-3 font-semibold">
                <input
                  id={`${id}-ack`}
                  type="checkbox"
                  className="size-6 shrink-0"
                  checked={acknowledged}
                  onChange={(e) => setAcknowledged(e.target.checked)}
                />
                {t("cockpit.confirm.closeAcknowledge")}
              </label>
            )}
          </div>
        }
      />
    </>
  );
}

/** The warning in plain numbers, or null when turnout leaves room for every slot. */
function warningText(o: TCloseOutlook, t: Translate): string[] | null {
  if (o.verdict === "POSSIBLE") return null;
  if (o.verdict === "UNLIKELY") {
    const lines = [t("cockpit.confirm.closeUnlikely", { needed: o.needed ?? 0, returned: o.returned, percent: o.neededPercent ?? 100 })];
    if (o.outstanding > 0) lines.push(t("cockpit.confirm.closeOutstanding", { outstanding: o.outstanding }));
    return lines;
  }
  const lines = [
    o.returned === 0 || o.needed === null
      ? t("cockpit.confirm.closeNoBallots")
      : t("cockpit.confirm.closeNoneCanPass", {
          basis: t(`cockpit.basis.${o.basis}`),
          basisCount: o.basisCount ?? 0,
          needed: o.needed,
          returned: o.returned,
        }),
  ];
  if (o.maxPassingIfAllReturned > 0 && o.outstanding > 0) lines.push(t("cockpit.confirm.closeWaitCould", { outstanding: o.outstanding }));
  else lines.push(t("cockpit.confirm.closeWaitCannot", { issued: o.issued }));
  return lines;
}
