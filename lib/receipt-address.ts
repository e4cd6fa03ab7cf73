/**
 * The short address where a receipt code is checked once its poll's record is published:
 * `<public origin>/r/<code>`, short enough to copy onto paper and type back on any phone.
 */
export function receiptCheckPath(code: string): string {
  return `/r/${encodeURIComponent(code)}`;
}
