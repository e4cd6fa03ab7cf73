import type { ReactNode } from "react";

/** A titled panel of a project page; `id` is also the anchor links jump to. */
export function PageSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="panel flex flex-col gap-3" id={id}>
      <h2 id={`${id}-heading`} className="text-xl font-bold">
        {title}
      </h2>
      {children}
    </section>
  );
}
