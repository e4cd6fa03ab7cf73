import { shortHash } from "~/lib/format";
import type { Translate } from "~/lib/i18n/translate";

/**
 * The 结果校验码 as people compare it: 16 characters in four groups, read aloud or side by side
 * on two phones and the secretariat's screen, with the full 64-character value one tap away
 * (a <details>, so it works without JavaScript). `hint` says what a match means where it is shown.
 */
export function ResultCode({ hash, hint, t, large = false }: { hash: string; hint: string; t: Translate; large?: boolean }) {
  return (
    <div className="flex flex-col gap-2">
      {/* Scaled to fit a 360 px phone on one line; if it cannot, it breaks between groups, never inside one. */}
      <p
        className={`font-mono font-bold tracking-wider ${large ? "text-[clamp(1.25rem,6.5vw,1.875rem)]" : "text-2xl"}`}
        data-testid="result-code"
      >
        {shortHash(hash)}
      </p>
      <p className="text-base">{hint}</p>
      <details className="text-base">
        <summary className="min-h-11 cursor-pointer py-2 text-muted">{t("common.resultCodeFull")}</summary>
        <p className="font-mono break-all">{hash}</p>
      </details>
    </div>
  );
}
