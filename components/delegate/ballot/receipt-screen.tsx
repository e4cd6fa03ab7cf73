"use client";

import Link from "next/link";
import { Fragment } from "react";
import { ReceiptPanel } from "~/components/submission/receipt-panel";
import type { FailureCode } from "~/components/submission/transport";
import { useI18n } from "../../i18n/i18n-provider";
import type { HeadingRef } from "./message-screens";

/**
 * The receipt: the code in large type, and its short check address — host included, to be
 * copied onto paper and typed on any phone — that leads to the ballot once the record is published.
 */
export function ReceiptScreen({
  headingRef,
  code,
  checkAddress,
  notice,
  canChange,
  onChange,
}: {
  headingRef: HeadingRef;
  code: string;
  /** e.g. https://piaojue.example/r/7K3Q-9XMD-2P */
  checkAddress: string;
  /** Why a change of this ballot was refused: the ballot shown here still counts. */
  notice: FailureCode | null;
  canChange: boolean;
  onChange: () => void;
}) {
  const { t } = useI18n();
  // Host and path on lines of their own: the path — with the code — never breaks; a host too
  // long for a line breaks after the scheme or before the port before anywhere else.
  const path = new URL(checkAddress).pathname;
  const host = checkAddress.slice(0, checkAddress.length - path.length).split(/(?<=:\/\/)|(?=:\d+$)/);
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-4">
      {notice && (
        <p role="alert" className="panel border-2 border-red-700 text-lg font-semibold text-red-800">
          {t(`errors.${notice}`)}
        </p>
      )}
      <ReceiptPanel headingRef={headingRef} heading={t("vote.receipt.heading")} label={t("vote.receipt.trackerLabel")} code={code}>
        <p className="text-xl font-bold">{t("vote.receipt.keepHint")}</p>
        <p className="text-lg">{t("vote.receipt.howToKeep")}</p>
        <div className="flex flex-col gap-2">
          <p className="text-lg">{t("vote.receipt.publicCheck")}</p>
          <a
            href={checkAddress}
            aria-label={checkAddress}
            className="flex min-h-11 flex-col justify-center rounded-lg border-2 border-stone-400 bg-stone-50 px-2 py-2 font-mono text-lg font-bold text-blue-800 underline underline-offset-4"
          >
            <span className="[overflow-wrap:anywhere]">
              {host.map((part, i) => (
                <Fragment key={i}>
                  {i > 0 && <wbr />}
                  {part}
                </Fragment>
              ))}
            </span>
            <span className="whitespace-nowrap">{path}</span>
          </a>
        </div>
      </ReceiptPanel>
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
