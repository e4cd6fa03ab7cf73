import type { ReactNode, RefObject } from "react";

/**
 * A submission's receipt: ✓ and what succeeded, then the receipt code in large type on one
 * line (sized to fit 12 monospace characters on a 360 px screen), then what to do with it.
 */
export function ReceiptPanel({
  headingRef,
  heading,
  label,
  code,
  children,
}: {
  headingRef: RefObject<HTMLHeadingElement | null>;
  heading: string;
  label: string;
  code: string;
  children: ReactNode;
}) {
  return (
    <section className="panel flex flex-col gap-4 border-l-8 border-green-700" aria-labelledby="receipt-heading">
      <h1 id="receipt-heading" ref={headingRef} tabIndex={-1} className="text-3xl font-bold text-green-800 outline-none!">
        <span aria-hidden="true">✓ </span>
        {heading}
      </h1>
      <div className="flex flex-col gap-2">
        <p className="text-lg font-semibold">{label}</p>
        <p className="rounded-lg border-2 border-ink bg-stone-50 px-1 py-4 text-center font-mono text-[clamp(1.6rem,8.5vw,2.75rem)] leading-tight font-bold whitespace-nowrap select-all">
          {code}
        </p>
      </div>
      {children}
    </section>
  );
}
