import { formatTime } from "~/lib/format";
import type { Locale } from "~/lib/i18n/config";
import type { Translate } from "~/lib/i18n/translate";
import type { TOversight } from "~/lib/schemas/vote";

/**
 * What the scrutineers must see before they sign besides the count (DESIGN §4 promise 7,
 * §4b): who the tally clerks are and who designated them, who was handed a paper ballot
 * and by whom, and every sign-in reissued while the poll was open — each saying whether
 * that delegate then voted.
 */
export function SignoffOversight({ oversight, t, locale }: { oversight: TOversight; t: Translate; locale: Locale }) {
  const list = t("results.listSeparator");
  return (
    <section className="panel flex flex-col gap-4" aria-labelledby="oversight-heading">
      <h2 id="oversight-heading" className="text-xl font-bold">
        {t("signoff.oversight.heading")}
      </h2>
      <div>
        <h3 className="text-lg font-semibold">{t("signoff.oversight.clerks")}</h3>
        <p className="text-lg" data-testid="signoff-clerks">
          {oversight.clerks.names.length > 0 ? oversight.clerks.names.join(list) : t("signoff.oversight.none")}
          <span className="text-base text-muted"> · {t(`signoff.oversight.scope.${oversight.clerks.scope}`)}</span>
        </p>
        {oversight.clerkAssignments.length > 0 && (
          <ul className="mt-1 text-base text-muted">
            {oversight.clerkAssignments.map((a) => (
              <li key={a.at.toISOString()}>
                {t("signoff.oversight.assigned", {
                  time: formatTime(a.at, t, locale),
                  by: a.byName,
                  scope: t(`signoff.oversight.scope.${a.scope}`),
                  names: a.names.join(list) || t("signoff.oversight.none"),
                })}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div>
        <h3 className="text-lg font-semibold">{t("signoff.oversight.paperIssued", { count: oversight.paperIssued.length })}</h3>
        {oversight.paperIssued.length === 0 ? (
          <p className="text-lg">{t("signoff.oversight.none")}</p>
        ) : (
          <ul className="text-lg" data-testid="signoff-paper-issued">
            {oversight.paperIssued.map((p) => (
              <li key={p.seat}>{t("signoff.oversight.paperRow", { name: p.delegateName, seat: p.seat, by: p.byName })}</li>
            ))}
          </ul>
        )}
      </div>
      <div>
        <h3 className="text-lg font-semibold">{t("signoff.oversight.reissues", { count: oversight.reissues.length })}</h3>
        {oversight.reissues.length === 0 ? (
          <p className="text-lg">{t("signoff.oversight.none")}</p>
        ) : (
          <ul className="flex flex-col gap-2 text-lg" data-testid="signoff-reissues">
            {oversight.reissues.map((r) => (
              <li key={`${r.seat}-${r.at.toISOString()}`} className={r.voted === "NO" ? "" : "font-semibold"}>
                {t("signoff.oversight.reissueRow", {
                  time: formatTime(r.at, t, locale),
                  name: r.delegateName,
                  seat: r.seat,
                  kind: t(`signoff.oversight.kind.${r.kind}`),
                  by: r.byName,
                  voted: t(`signoff.oversight.voted.${r.voted}`),
                })}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
