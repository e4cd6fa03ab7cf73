import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslator } from "~/lib/i18n/server";
import { ZId } from "~/lib/schemas/common";
import { getServerCaller } from "~/server/api/server-caller";

async function load(id: string) {
  if (!ZId.safeParse(id).success) notFound();
  const caller = await getServerCaller();
  return caller.public.candidate({ id }).catch(() => notFound());
}

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const c = await load((await params).id);
  return { title: c.title };
}

export default async function ProjectPage({ params }: { params: Promise<{ id: string }> }) {
  const [{ t }, c] = await Promise.all([getTranslator(), load((await params).id)]);
  return (
    <article className="flex flex-col gap-4">
      <Link href="/" className="btn-secondary self-start">
        ← {t("common.back")}
      </Link>
      <header>
        <p className="text-lg text-muted">
          {c.sessionName} · {c.category}
        </p>
        <h1 className="text-2xl font-bold leading-tight sm:text-3xl">{c.title}</h1>
      </header>
      <section className="panel">
        <h2 className="text-lg font-bold">{t("common.summary")}</h2>
        <p className="mt-1 text-lg">{c.summary}</p>
      </section>
      <section className="panel">
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-lg">
          <dt className="text-muted">{t("common.unit")}</dt>
          <dd>{c.unitName}</dd>
          <dt className="text-muted">{t("common.budget")}</dt>
          <dd>{t("common.wan", { amount: c.budgetWan })}</dd>
          <dt className="text-muted">{t("common.location")}</dt>
          <dd>{c.location}</dd>
          <dt className="text-muted">{t("common.targets")}</dt>
          <dd>{c.targets}</dd>
          <dt className="text-muted">{t("common.deadlineLabel")}</dt>
          <dd>{c.deadline}</dd>
        </dl>
      </section>
      <section className="panel">
        <h2 className="text-lg font-bold">{t("project.fromSuggestions")}</h2>
        {c.suggestions.length === 0 ? (
          <p className="mt-1 text-lg text-muted">{t("project.noSuggestions")}</p>
        ) : (
          <ul className="mt-1 list-disc pl-6 text-lg">
            {c.suggestions.map((s) => (
              <li key={s.id}>{s.title}</li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}
