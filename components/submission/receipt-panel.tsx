/** The receipt code in large type, on one line: sized to fit 12 monospace characters on a 360 px screen. */
export function ReceiptCode({ label, code }: { label: string; code: string }) {
  return (
    <div className="flex flex-col gap-2">
      <p className="text-lg font-semibold">{label}</p>
      <p className="rounded-lg border-2 border-ink bg-stone-50 px-1 py-4 text-center font-mono text-[clamp(1.6rem,8.5vw,2.75rem)] leading-tight font-bold whitespace-nowrap select-all">
        {code}
      </p>
    </div>
  );
}
