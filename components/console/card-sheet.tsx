"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import type { TDelegateCard } from "~/lib/schemas/session-setup";
import { useI18n } from "../i18n/i18n-provider";
import { ConfirmAction } from "../secretariat/confirm-action";
import { useTRPC } from "../trpc/trpc-provider";
import { FormStatus } from "./field";

const CARDS_PER_PAGE = 8;

/**
 * Print: only the sheet. The site header, the skip link and every control go; the root
 * font size drops so the same rem-based layout fits eight cards (2 × 4) on an A4 page.
 */
const PRINT_CSS = `
@page { size: A4; margin: 10mm; }
@media print {
  html { font-size: 10pt; }
  body { background: #fff; }
  body > header, body > a[href="#main"] { display: none !important; }
  main#main { max-width: none; margin: 0; padding: 0; }
  .card-page { display: grid; grid-template-columns: repeat(2, 1fr); grid-template-rows: repeat(4, 1fr); gap: 0;
    width: 190mm; height: 277mm; margin: 0; padding: 0; border: 0; box-shadow: none; break-after: page; }
  .card-page:last-of-type { break-after: auto; }
  .delegate-card { break-inside: avoid; border: 0.3mm dashed #78716c; border-radius: 0; height: 100%; }
  .delegate-card .qr { width: 33mm; height: 33mm; }
}
`;

function pages<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function CardSheet({
  sessionId,
  congressName,
  sessionName,
  count,
  only,
}: {
  sessionId: string;
  congressName: string;
  sessionName: string;
  count: number;
  only: { id: string; name: string; delegationName: string; seat: string } | null;
}) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const [cards, setCards] = useState<TDelegateCard[] | null>(null);
  const print = useMutation(trpc.setup.printCards.mutationOptions());

  async function generate() {
    // The QR codes carry this page's own address, so they work on whatever host serves the app.
    const result = await print.mutateAsync({ sessionId, origin: window.location.origin, delegateIds: only ? [only.id] : undefined });
    setCards(result);
  }

  const sheet = cards ? pages(cards, CARDS_PER_PAGE) : [];
  const nothing = !only && count === 0;

  return (
    <div className="flex flex-col gap-6">
      <style>{PRINT_CSS}</style>
      <section aria-labelledby="cards-warning" className="panel flex flex-col gap-3 border-2 border-amber-700 bg-amber-50 print:hidden">
        <h2 id="cards-warning" className="text-xl font-bold">
          {t("console.cards.warningHeading")}
        </h2>
        <p className="text-lg">{t("console.cards.warning")}</p>
        <p className="text-lg font-semibold">
          {only
            ? t("console.cards.scopeOne", { name: only.name, delegation: only.delegationName, seat: only.seat })
            : t("console.cards.scopeAll", { count })}
        </p>
        {only && (
          <p>
            <Link
              href={`/secretariat/cards?session=${encodeURIComponent(sessionId)}`}
              className="font-semibold text-brand-dark underline decoration-2 underline-offset-4"
            >
              {t("console.cards.scopeAllLink")}
            </Link>
          </p>
        )}
        {nothing ? (
          <p className="font-semibold">{t("console.cards.none")}</p>
        ) : (
          <div className="flex flex-wrap items-center gap-3">
            <ConfirmAction
              label={t("console.cards.generate")}
              title={t("console.cards.confirmTitle")}
              body={only ? t("console.cards.confirmBodyOne", { name: only.name }) : t("console.cards.confirmBodyAll", { count })}
              danger
              onConfirm={generate}
            />
            {cards && (
              <button type="button" className="btn-primary" onClick={() => window.print()}>
                {t("console.cards.print")}
              </button>
            )}
          </div>
        )}
        {cards && (
          <>
            <FormStatus ok={t("console.cards.generated", { count: cards.length, pages: sheet.length })} />
            <p className="text-base">{t("console.cards.printHint")}</p>
          </>
        )}
      </section>

      {cards && (
        <section aria-label={t("console.cards.sheetLabel")} className="flex flex-col gap-6 print:block">
          {sheet.map((page, p) => (
            <div
              key={p}
              className="card-page panel grid gap-3 p-3 sm:grid-cols-2"
              role="group"
              aria-label={t("console.cards.pageLabel", { page: p + 1 })}
            >
              {page.map((card) => (
                <DelegateCard key={card.id} card={card} congressName={congressName} sessionName={sessionName} />
              ))}
            </div>
          ))}
        </section>
      )}
    </div>
  );
}

function DelegateCard({ card, congressName, sessionName }: { card: TDelegateCard; congressName: string; sessionName: string }) {
  const { t } = useI18n();
  return (
    <article
      className="delegate-card flex flex-col gap-2 rounded-lg border-2 border-dashed border-stone-400 bg-white p-3"
      aria-label={card.name}
      data-testid="delegate-card"
    >
      <header className="border-b-2 border-brand pb-1 text-center">
        <p className="text-sm leading-tight">{congressName}</p>
        <p className="text-sm font-semibold leading-tight">{sessionName}</p>
        <p className="pl-[0.5em] text-lg font-bold tracking-[0.5em] text-brand-dark">{t("console.cards.cardTitle")}</p>
      </header>
      <div className="flex flex-1 items-center justify-between gap-3">
        <dl className="grid min-w-0 grid-cols-[max-content_1fr] items-baseline gap-x-2 gap-y-1 text-base">
          <dt className="text-muted">{t("console.cards.name")}</dt>
          <dd className="text-2xl font-bold">{card.name}</dd>
          <dt className="text-muted">{t("console.cards.delegation")}</dt>
          <dd>{card.delegationName}</dd>
          <dt className="text-muted">{t("console.cards.seat")}</dt>
          <dd className="tabular-nums">{card.seat}</dd>
          <dt className="text-muted">{t("console.cards.cardCode")}</dt>
          <dd className="font-mono font-semibold">{card.cardCode}</dd>
        </dl>
        <figure className="flex shrink-0 flex-col items-center gap-1">
          {/* The SVG is made on our server by the qrcode library from our own sign-in URL. */}
          <div
            className="qr size-28 [&>svg]:size-full"
            role="img"
            aria-label={t("console.cards.qrLabel", { name: card.name })}
            dangerouslySetInnerHTML={{ __html: card.qrSvg }}
          />
          <figcaption className="max-w-40 text-center text-sm leading-tight">{t("console.cards.scanHint")}</figcaption>
        </figure>
      </div>
    </article>
  );
}
