import type { Translate } from "~/lib/i18n/translate";

export function Forbidden({ t }: { t: Translate }) {
  return (
    <section className="panel" role="alert">
      <h1 className="text-2xl font-bold">{t("common.forbiddenTitle")}</h1>
      <p className="mt-2 text-lg">{t("common.forbiddenBody")}</p>
    </section>
  );
}
