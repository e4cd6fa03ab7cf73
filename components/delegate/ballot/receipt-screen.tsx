"use client";

import Link from "next/link";
import { ReceiptCode } from "~/components/submission/receipt-code";
import type { FailureCode } from "~/components/submission/transport";
import { useI18n } from "../../i18n/i18n-provider";
import type { HeadingRef } from "./message-screens";

/** The receipt: the code in large type, and where the delegate checks that ballot once the record is published. */
export function ReceiptScreen({
  headingRef,
  pollId,
  code,
  notice,
  canChange,
  onChange,
}: {
  headingRef: HeadingRef;
  pollId: string;
  code: string;
  /** Why a change of this ballot was refused: the ballot shown here still counts. */
  notice: FailureCode | null;
  canChange: boolean;
  onChange: () => void;
}) {
  const { t } = useI18n();
  const resultPath = `/results/${pollId}`;
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-4">
      {notice && (
        <p role="alert" className="panel border-2 border-red-700 text-lg font-semibold text-red-800">
          {t(`errors.${notice}`)}
        </p>
      )}
      <section className="panel flex flex-col gap-4 border-l-8 border-green-700" aria-labelledby="receipt-heading">
        <h1 id="receipt-heading" ref={headingRef} tabIndex={-1} className="text-3xl font-bold text-green-800 outline-none!">
          <span aria-hidden="true">✓ </span>
          {t("vote.receipt.heading")}
        </h1>
        <ReceiptCode label={t("vote.receipt.trackerLabel")} code={code} />
        <p className="text-xl font-bold">{t("vote.receipt.keepHint")}</p>
        <p className="text-lg">{t("vote.receipt.howToKeep")}</p>
        <p className="text-base">
          {t("vote.receipt.publicCheck")}{" "}
          <Link href={resultPath} className="font-semibold break-all text-blue-800 underline underline-offset-4">
            {resultPath}
          </Link>
        </p>
      </section>
      {canChange && (
        <section className="panel flex flex-col gap-3">
          <p className="text-base">{t("vote.receipt.changeHint")}</p>
          <button type="button" className="btn-secondary" onClick={onChange}>
            {t("vote.receipt.change")}
          </button>
        </section>
      )}
      <Link href="/delegate" className="btn-primary min-h-14 w-full text-xl">
        {t("vote.receipt.home")}
      </Link>
    </div>
  );
}
