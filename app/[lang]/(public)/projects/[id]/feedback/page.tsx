import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { FeedbackForm } from "~/components/projects/feedback-form";
import { PageSection } from "~/components/projects/page-section";
import { readPostResult } from "~/components/projects/post-result";
import { localeOf, translatorFor } from "~/lib/i18n/server";
import { ZId } from "~/lib/schemas/common";
import { getPublicCaller } from "~/server/api/server-caller";

type Params = Promise<{ lang: string; id: string }>;
type Search = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: translatorFor(await localeOf(params)).t("projects.feedback.heading"), robots: { index: false } };
}

/**
 * Where a resident's feedback form lands (the project page itself is cached for everyone,
 * so it cannot say "sent" to one reader): the outcome, the form again with what was wrong,
 * and the way back.
 */
export default async function FeedbackResultPage({ params, searchParams }: { params: Params; searchParams: Search }) {
  const [{ t }, { id }, search] = await Promise.all([localeOf(params).then(translatorFor), params, searchParams]);
  if (!ZId.safeParse(id).success) notFound();
  const p = await getPublicCaller()
    .projects.get({ id })
    .catch(() => notFound());
  return (
    <article className="flex flex-col gap-4">
      <Link href={`/projects/${id}`} className="btn-secondary self-start">
        ← {p.title}
      </Link>
      <h1 className="text-2xl font-bold leading-tight sm:text-3xl">{p.title}</h1>
      <PageSection id="feedback" title={t("projects.feedback.heading")}>
        <FeedbackForm candidateId={id} result={readPostResult(search)} t={t} />
      </PageSection>
    </article>
  );
}
