/**
 * The values a ballot carries, without the schema library: the phone's voting page loads
 * these and nothing of zod (lib/schemas/vote.ts builds the server's schemas from them).
 */
export const CHOICE_VALUES = ["FOR", "AGAINST", "ABSTAIN"] as const;
export type TChoice = (typeof CHOICE_VALUES)[number];

export const isChoice = (value: unknown): value is TChoice => (CHOICE_VALUES as readonly unknown[]).includes(value);

/** What an idempotency key looks like (ZIdempotencyKey); the phone makes them (submission-record.ts). */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{16,64}$/;
