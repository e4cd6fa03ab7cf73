/**
 * A progress bar that reads without colour or JavaScript: the percentage is printed next
 * to the label, and the bar is a real `progressbar` for screen readers.
 */
export function ProgressBar({
  percent,
  label,
  detail,
  size = "md",
}: {
  percent: number;
  label: string;
  detail?: string;
  size?: "md" | "lg";
}) {
  const value = Math.max(0, Math.min(100, Math.round(percent)));
  return (
    <div className="flex flex-col gap-1">
      <div className="flex items-baseline justify-between gap-2">
        <span className="text-base text-muted">{label}</span>
        <span className={`font-bold tabular-nums ${size === "lg" ? "text-2xl" : "text-lg"}`}>{value}%</span>
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value}
        aria-valuetext={detail ? `${value}% · ${detail}` : `${value}%`}
        className={`overflow-hidden rounded-full border border-stone-400 bg-stone-100 ${size === "lg" ? "h-5" : "h-3"}`}
      >
        <div className="h-full rounded-full bg-brand" style={{ width: `${value}%` }} />
      </div>
      {/* keep-all: break at the spaces around the figures, never inside "万元". */}
      {detail && <span className="text-base break-keep">{detail}</span>}
    </div>
  );
}
