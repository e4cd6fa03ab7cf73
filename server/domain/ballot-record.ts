/**
 * The published ballot record (format `minsheng-ballot-record/1`, the schema below; the
 * meaning of its `result` is stated in tally.ts): the contract that lets anyone recount a
 * poll without the app's database. Building and recounting both go through `tally`, so
 * the file the app publishes is, by construction, one the recount command accepts.
 */
import { z } from "zod";

import { BASES, POLL_KINDS, tally, type TallyResult } from "./tally";

export const BALLOT_RECORD_FORMAT = "minsheng-ballot-record/1";

const ZCount = z.number().int().nonnegative();

/**
 * Choices stay raw strings so an invalid paper ballot (废票) can be published as cast and
 * counted invalid by the recount. Not `z.record`: it rebuilds the object by assignment,
 * which silently drops an own "__proto__" key — a ballot naming such an (opaque) id would
 * then change validity between app and recount. This check returns the object as parsed.
 */
const ZBallotChoices = z.custom<Record<string, string>>(
  (value) =>
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((choice) => typeof choice === "string"),
  { message: "expected an object mapping candidate id to a choice string" },
);

export const ZBallotRecordPoll = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.enum(POLL_KINDS),
  seats: z.number().int().min(1),
  basis: z.enum(BASES),
  seated: ZCount,
  present: ZCount,
  issued: ZCount,
});
export type TBallotRecordPoll = z.infer<typeof ZBallotRecordPoll>;

export const ZBallotRecordCandidate = z.object({ id: z.string(), title: z.string() });
export type TBallotRecordCandidate = z.infer<typeof ZBallotRecordCandidate>;

export const ZBallotRecordBallot = z.object({ tracker: z.string(), choices: ZBallotChoices });
export type TBallotRecordBallot = z.infer<typeof ZBallotRecordBallot>;

export const ZTallyResult = z.object({
  valid: ZCount,
  invalid: ZCount,
  candidates: z.array(
    z.object({
      id: z.string(),
      for: ZCount,
      against: ZCount,
      abstain: ZCount,
      passed: z.boolean(),
      rank: z.number().int().min(1).nullable(),
      selected: z.boolean(),
    }),
  ),
  runoff: z.array(z.string()),
  unfilled: ZCount,
}) satisfies z.ZodType<TallyResult>;

export const ZBallotRecord = z
  .object({
    format: z.literal(BALLOT_RECORD_FORMAT),
    poll: ZBallotRecordPoll,
    candidates: z.array(ZBallotRecordCandidate).min(1),
    ballots: z.array(ZBallotRecordBallot),
    result: ZTallyResult,
    auditHead: z.string().regex(/^[0-9a-f]{64}$/i, "expected a hex SHA-256 (64 hex digits)"),
  })
  // What makes a file meaningless rather than merely miscounted: a recount would be
  // ambiguous (duplicate ids, trackers) or the poll itself void (more ballots than issued).
  .superRefine((record, ctx) => {
    const { poll } = record;
    if (poll.present > poll.seated) {
      ctx.addIssue({ code: "custom", path: ["poll", "present"], message: `present (${poll.present}) exceeds seated (${poll.seated})` });
    }
    if (poll.issued > poll.seated) {
      ctx.addIssue({ code: "custom", path: ["poll", "issued"], message: `issued (${poll.issued}) exceeds seated (${poll.seated})` });
    }
    if (record.ballots.length > poll.issued) {
      ctx.addIssue({
        code: "custom",
        path: ["ballots"],
        message: `${record.ballots.length} ballots returned but only ${poll.issued} issued: the poll is void`,
      });
    }
    const unique = (values: readonly string[], path: (string | number)[], what: string) => {
      const seen = new Set<string>();
      values.forEach((value, i) => {
        if (seen.has(value)) ctx.addIssue({ code: "custom", path: [...path, i], message: `duplicate ${what} ${JSON.stringify(value)}` });
        seen.add(value);
      });
    };
    unique(
      record.candidates.map((c) => c.id),
      ["candidates"],
      "candidate id",
    );
    unique(
      record.ballots.map((b) => b.tracker),
      ["ballots"],
      "tracker",
    );
    unique(
      record.result.candidates.map((c) => c.id),
      ["result", "candidates"],
      "candidate id",
    );
    unique(record.result.runoff, ["result", "runoff"], "candidate id");
  });
export type TBallotRecord = z.infer<typeof ZBallotRecord>;

export type ParseBallotRecordResult = { ok: true; record: TBallotRecord } | { ok: false; error: string };

/** For files from outside (the recount command, uploads): every problem, one per line. */
export function parseBallotRecord(value: unknown): ParseBallotRecordResult {
  const parsed = ZBallotRecord.safeParse(value);
  if (parsed.success) return { ok: true, record: parsed.data };
  const lines = parsed.error.issues.map((issue) => `${formatPath(issue.path) || "(record)"}: ${issue.message}`);
  return { ok: false, error: lines.join("\n") };
}

export interface BuildBallotRecordInput {
  poll: TBallotRecordPoll;
  candidates: readonly TBallotRecordCandidate[];
  ballots: readonly TBallotRecordBallot[];
  auditHead: string;
}

/** Throws if the inputs would make a record the recount rejects (an app bug, not user input). */
export function buildBallotRecord(input: BuildBallotRecordInput): TBallotRecord {
  // Sorted by tracker, never in storage or cast order: in a secret poll the position of a
  // ballot must not hint at when — and so by whom — it was cast. Trackers are hashes, so
  // this order is as good as random, yet reproducible.
  const ballots = [...input.ballots].sort((a, b) => (a.tracker < b.tracker ? -1 : a.tracker > b.tracker ? 1 : 0));
  const result = tally(
    input.poll,
    input.candidates.map((c) => c.id),
    ballots,
  );
  return ZBallotRecord.parse({
    format: BALLOT_RECORD_FORMAT,
    poll: input.poll,
    candidates: input.candidates,
    ballots,
    result,
    auditHead: input.auditHead,
  });
}

export interface RecountOutcome {
  ok: boolean;
  recomputed: TallyResult;
  /** Human-readable, recomputed value first: `candidate "c3": for 250 ≠ 249 (file)`. */
  differences: string[];
}

const COMPARED_FIELDS = ["for", "against", "abstain", "passed", "rank", "selected"] as const;

/** Recounts from the ballots alone and compares with the file's own `result`. */
export function recountRecord(record: TBallotRecord): RecountOutcome {
  const recomputed = tally(
    record.poll,
    record.candidates.map((c) => c.id),
    record.ballots,
  );
  const file = record.result;
  const differences: string[] = [];
  const differ = (label: string, mine: unknown, theirs: unknown) => {
    const [a, b] = [JSON.stringify(mine), JSON.stringify(theirs)];
    if (a !== b) differences.push(`${label} ${a} ≠ ${b} (file)`);
  };

  differ("valid", recomputed.valid, file.valid);
  differ("invalid", recomputed.invalid, file.invalid);
  differ("unfilled", recomputed.unfilled, file.unfilled);
  // Runoff order is not significant (tally.ts): compare as sets.
  differ("runoff", sortedUnique(recomputed.runoff), sortedUnique(file.runoff));

  const fileById = new Map(file.candidates.map((c) => [c.id, c]));
  for (const mine of recomputed.candidates) {
    const label = `candidate ${JSON.stringify(mine.id)}:`;
    const theirs = fileById.get(mine.id);
    if (theirs === undefined) {
      differences.push(`${label} missing from the file's result`);
      continue;
    }
    for (const field of COMPARED_FIELDS) differ(`${label} ${field}`, mine[field], theirs[field]);
  }
  const ids = new Set(record.candidates.map((c) => c.id));
  for (const theirs of file.candidates) {
    if (!ids.has(theirs.id)) differences.push(`candidate ${JSON.stringify(theirs.id)}: in the file's result but not a candidate`);
  }

  return { ok: differences.length === 0, recomputed, differences };
}

function sortedUnique(ids: readonly string[]): string[] {
  return [...new Set(ids)].sort();
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((key, i) => (typeof key === "number" ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`)).join("");
}
