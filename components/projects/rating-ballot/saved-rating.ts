import { z } from "zod";
import { readSubmission, type Submission } from "~/components/submission/submission-record";
import { GRADES, ZGrade, type TGrade } from "~/lib/schemas/projects";
import { ZIdempotencyKey } from "~/lib/schemas/vote";

/**
 * The rating used to keep `grades` and `receipt` where a ballot keeps `choices` and
 * `tracker`. A round lasts days: a phone that rated, or was still sending, across that
 * change keeps its submission (and so never resends under a new key).
 */
const ZEarlierRating = z.union([
  z
    .object({ v: z.literal(1), stage: z.enum(["draft", "sending"]), key: ZIdempotencyKey, grades: z.record(z.string(), ZGrade) })
    .transform(({ grades, ...rest }) => ({ ...rest, choices: grades })),
  z
    .object({ v: z.literal(1), stage: z.literal("done"), key: ZIdempotencyKey, receipt: z.string().min(1) })
    .transform(({ receipt, ...rest }) => ({ ...rest, tracker: receipt })),
]);

const isGrade = (value: unknown): value is TGrade => (GRADES as readonly unknown[]).includes(value);

/** What the phone keeps for a rating (components/submission/submission-record.ts), or null. */
export function readSavedRating(raw: unknown): Submission<TGrade> | null {
  return readSubmission(raw, isGrade) ?? ZEarlierRating.safeParse(raw).data ?? null;
}
