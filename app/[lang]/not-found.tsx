import Link from "next/link";
import { getTranslator } from "~/lib/i18n/server";

export default async function NotFound() {
  const { t } = await getTranslator();
  return (
    <section className="panel">
      <h1 className="text-2xl font-bold">{t("common.notFoundTitle")}</h1>
      <p className="mt-2 text-lg">{t("common.notFoundBody")}</p>
      <Link href="/" className="btn-secondary mt-4">{t("nav.home")}</Link>
    </section>
  );
}
