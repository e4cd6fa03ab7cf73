import Link from "next/link";
import type { Translate } from "~/lib/i18n/translate";

export interface SessionOption {
  id: string;
  name: string;
  year: number;
}

/**
 * The session a console page works on: the one asked for in `?session=`, else the newest
 * (the list comes newest first, the same order that makes a session "current").
 */
export function pickSession<S extends SessionOption>(sessions: readonly S[], requested: string | string[] | undefined): S | null {
  const id = typeof requested === "string" ? requested : undefined;
  return sessions.find((s) => s.id === id) ?? sessions[0] ?? null;
}

/** `?session=` for links between console pages, so the clerk stays on the session they chose. */
export function withSession(path: string, sessionId: string | undefined): string {
  return sessionId ? `${path}?session=${encodeURIComponent(sessionId)}` : path;
}

/**
 * Title, way back to the hub and the session switch of every console page. The switch is
 * a plain GET form: it works before (and without) JavaScript. Hidden when printing.
 */
export function ConsoleHeader({
  t,
  title,
  intro,
  path,
  sessions,
  sessionId,
}: {
  t: Translate;
  title: string;
  intro?: string;
  path: string;
  sessions?: readonly SessionOption[];
  sessionId?: string;
}) {
  return (
    <header className="flex flex-col gap-3 print:hidden">
      <nav aria-label={t("console.breadcrumb")} className="flex flex-wrap gap-2">
        <Link href={withSession("/secretariat/console", sessionId)} className="btn-secondary">
          ← {t("console.backToHub")}
        </Link>
      </nav>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-2xl font-bold">{title}</h1>
        {sessions && sessions.length > 0 && (
          <form method="get" action={path} className="flex flex-wrap items-end gap-2">
            <div>
              <label htmlFor="console-session" className="field-label">
                {t("console.sessionPicker.label")}
              </label>
              <select
                key={sessionId}
                id="console-session"
                name="session"
                defaultValue={sessionId}
                className="field-input max-w-full sm:w-96"
              >
                {sessions.map((s) => (
                  <option key={s.id} value={s.id}>
                    {t("console.sessionPicker.option", { name: s.name, year: s.year })}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="btn-secondary">
              {t("console.sessionPicker.submit")}
            </button>
          </form>
        )}
      </div>
      {intro && <p className="max-w-3xl text-lg">{intro}</p>}
      {sessions && sessions.length === 0 && <p className="panel text-lg">{t("console.sessionPicker.none")}</p>}
    </header>
  );
}
