import fc from "fast-check";
import { z } from "zod";
import { beforeAll, describe, expect, it } from "vitest";
import { isAppErrorCode } from "~/lib/app-error-codes";
import type { Actor } from "~/server/auth/actor";
import { ACCESS, ALLOWED, PROCEDURES, type Role } from "./access-table";
import { approvedSession, callerFor, db, type SessionFixture } from "./fixtures";
import { trpcHttp, type TrpcHttpResult } from "./http";

/**
 * Property-based fuzzing of every procedure's input, through the real HTTP handler (in
 * process) as each role that may call it. Whatever arrives, the answer is never a 500,
 * never shows a stack trace or SQL, and a refusal changes nothing in the database.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 20);

/** A fingerprint of every table's rows (all small here). Throttle counters are left out: counting refusals is their job. */
let checksumSql = "";
async function checksum(): Promise<string> {
  if (!checksumSql) {
    const tables = await db.$queryRaw<{ name: string }[]>`
      SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('_prisma_migrations', 'RateLimit') ORDER BY 1`;
    checksumSql = `SELECT md5(string_agg(h, ',' ORDER BY t)) AS sum FROM (${tables
      .map(({ name }) => `SELECT '${name}' AS t, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM "${name}" x`)
      .join(" UNION ALL ")}) s`;
  }
  const [row] = await db.$queryRawUnsafe<{ sum: string }[]>(checksumSql);
  return row!.sum;
}

/** Things that must never reach a client: stack frames, file paths, database and driver text. */
const LEAK =
  /node_modules|\.(ts|js|mjs):\d+|\bat [\w.<>]+ \(|prisma|\bSELECT\b|\bINSERT INTO\b|\bUPDATE "|violates|constraint|duplicate key|syntax error|ECONNREFUSED|"stack"/i;

// --- inputs -----------------------------------------------------------------------------

type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
};

const NASTY = [
  "",
  " ",
  '\'; DROP TABLE "Poll"; --',
  '" OR 1=1 --',
  "<script>alert(1)</script>",
  "../../etc/passwd",
  "\u0000",
  "𠮷".repeat(3),
  "__proto__",
  "constructor",
  "NaN",
  "-1",
  "1e309",
  "9".repeat(40),
  "2021-02-30",
  "00000000-0000-0000-0000-000000000000",
  "x".repeat(5000),
];

/**
 * Shapes the procedure's own input schema (via zod's JSON Schema), filled with real ids
 * from the fixture, edge values and junk, so the fuzzer gets past the first check often
 * and reaches the services and the database; plus wholly arbitrary JSON and raw bodies.
 */
function fromSchema(
  schema: JsonSchema | undefined,
  ids: fc.Arbitrary<string>,
  any: fc.Arbitrary<unknown>,
  depth = 0,
): fc.Arbitrary<unknown> {
  if (!schema || depth > 5) return any;
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.const !== undefined) return fc.constant(schema.const);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((s) => fromSchema(s, ids, any, depth + 1)));
  if (schema.allOf?.length) return fromSchema(schema.allOf[0], ids, any, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "string": {
      if (schema.format === "uuid") return fc.oneof(ids, ids, fc.uuid(), fc.constantFrom(...NASTY));
      if (schema.format === "date")
        return fc.oneof(
          fc
            .date({ min: new Date("1900-01-01"), max: new Date("2200-01-01"), noInvalidDate: true })
            .map((d) => d.toISOString().slice(0, 10)),
          fc.constantFrom(...NASTY),
        );
      const max = Math.min(schema.maxLength ?? 60, 80);
      return fc.oneof(
        fc.string({ minLength: Math.min(schema.minLength ?? 0, max), maxLength: max, unit: "grapheme" }),
        fc.stringMatching(/^[0-9]{1,6}(\.[0-9]{1,3})?$/),
        ids,
        fc.constantFrom(...NASTY),
      );
    }
    case "integer":
    case "number":
      return fc.oneof(
        fc.integer({ min: Math.max(schema.minimum ?? -1000, -1e6), max: Math.min(schema.maximum ?? 1000, 1e6) }),
        fc.constantFrom(-1, 0, 1, 2 ** 31, -(2 ** 53), 1.5, 1e308),
      );
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array":
      return fc.array(fromSchema(schema.items, ids, any, depth + 1), {
        minLength: Math.min(schema.minItems ?? 0, 4),
        maxLength: Math.min(schema.maxItems ?? 4, 4),
      });
    case "object": {
      if (schema.properties) {
        const shape = Object.fromEntries(Object.entries(schema.properties).map(([k, s]) => [k, fromSchema(s, ids, any, depth + 1)]));
        return fc.record(shape, { requiredKeys: (schema.required ?? []).filter((k) => k in shape) });
      }
      const values = typeof schema.additionalProperties === "object" ? fromSchema(schema.additionalProperties, ids, any, depth + 1) : any;
      return fc.dictionary(fc.oneof(ids, fc.string({ maxLength: 8 })), values, { maxKeys: 6 });
    }
    default:
      return any;
  }
}

function inputSchemaOf(path: string): JsonSchema | undefined {
  const parser = PROCEDURES[path]!._def.inputs[0];
  if (!(parser instanceof z.ZodType)) return undefined;
  try {
    return z.toJSONSchema(parser, { io: "input", unrepresentable: "any" }) as JsonSchema;
  } catch {
    return undefined;
  }
}

/** A body that is not what the client would ever send: broken JSON, superjson meta games, deep nesting. */
const RAW_BODIES = [
  "",
  "{",
  "null",
  "[]",
  '"x"',
  '{"json":',
  '{"json":{"a":1},"meta":{"values":{"a":["Date"]}}}',
  '{"json":{},"meta":{"values":{"__proto__.polluted":["undefined"]}}}',
  '{"json":{"pollId":"x"},"meta":{"values":{"pollId":[["custom","nope"]]}}}',
  `{"json":${"[".repeat(2000)}${"]".repeat(2000)}}`,
  '{"json":{"constructor":{"prototype":{"polluted":1}}}}',
];

// --- the run ----------------------------------------------------------------------------

let f: SessionFixture & { pollId: string };
let actors: Record<Role, Actor | null>;
let ids: fc.Arbitrary<string>;

beforeAll(async () => {
  f = await approvedSession();
  await callerFor(f.actors.dept).projects.savePlan({
    candidateId: f.candidates[1]!.id,
    leadOfficial: "张主任",
    budgetWan: "100",
    deadline: "2099-12-31",
    milestones: [],
  });
  const { id: noteId } = await callerFor(await f.delegate(2)).projects.fileNote({
    candidateId: f.candidates[1]!.id,
    kind: "INSPECTION",
    summary: "现场查看",
    body: "代表小组到现场查看……",
  });
  const { id: roundId } = await callerFor(f.actors.secretariat).projects.startRating({ sessionId: f.session.id, title: "测评" });
  const pollCandidates = await db.pollCandidate.findMany({ where: { pollId: f.pollId }, select: { id: true } });
  const feedback = await callerFor(null, "fuzz-setup").projects.feedback({ candidateId: f.candidates[1]!.id, body: "希望早日完工。" });
  actors = {
    anonymous: null,
    delegate: await f.delegate(3),
    scrutineer: await f.delegate(0),
    department: f.actors.dept,
    clerk: f.actors.clerk1,
    secretariat: f.actors.secretariat,
    admin: f.actors.admin,
  };
  const known = [
    f.session.id,
    f.pollId,
    noteId,
    roundId,
    feedback.id,
    ...f.candidates.map((c) => c.id),
    ...pollCandidates.map((c) => c.id),
    ...f.delegates.map((d) => d.id),
    ...Object.values(f.staff).map((s) => s.id),
    f.staff.dept.departmentId!,
    f.delegates[0]!.cardCode,
  ];
  ids = fc.constantFrom(...known);
});

const procedurePaths = Object.keys(PROCEDURES).filter((p) => PROCEDURES[p]!._def.type !== "subscription");

describe("fuzzing every procedure's input over HTTP", () => {
  it("covers every procedure but the SSE subscriptions (their input is checked by the authorization matrix)", () => {
    expect(Object.keys(PROCEDURES).filter((p) => !procedurePaths.includes(p))).toEqual(["public.liveTurnout", "delegate.live"]);
  });

  it.each(procedurePaths)("%s: no 500, no leaks, and a refusal changes nothing", async (path) => {
    const type = PROCEDURES[path]!._def.type as "query" | "mutation";
    const roles = ALLOWED[ACCESS[path]!];
    const any = fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<unknown>;
    const shaped = fromSchema(inputSchemaOf(path), ids, any);
    const input = fc.oneof(
      { weight: 6, arbitrary: shaped.map((value) => ({ value })) },
      { weight: 2, arbitrary: any.map((value) => ({ value })) },
      { weight: 1, arbitrary: fc.constant({ value: undefined }) },
      { weight: type === "mutation" ? 1 : 0, arbitrary: fc.constantFrom(...RAW_BODIES).map((raw) => ({ value: null, raw })) },
    );
    const problems: string[] = [];
    // This file's database has no other writer: the state after one call is the state before the next.
    let state = await checksum();
    await fc
      .assert(
        fc.asyncProperty(fc.constantFrom(...roles), input, async (role, { value, raw }: { value: unknown; raw?: string }) => {
          const r: TrpcHttpResult = await trpcHttp(actors[role], path, type, value, raw === undefined ? {} : { raw, headers: undefined });
          const failed = r.json?.error !== undefined || r.status >= 400;
          const appCode = r.json?.error?.json?.data?.appCode;
          const shown = `${role} ${r.status} ${r.text.slice(0, 300)} ← ${raw ?? JSON.stringify(value)?.slice(0, 300)}`;
          if (r.status >= 500 || appCode === "INTERNAL") problems.push(`500: ${shown}`);
          else if (failed && !isAppErrorCode(appCode)) problems.push(`error without a localizable code: ${shown}`);
          if (failed && LEAK.test(r.text)) problems.push(`leak: ${shown}`);
          const after = await checksum();
          if (failed && after !== state) problems.push(`refused but changed the database: ${shown}`);
          state = after;
          return problems.length === 0;
        }),
        { numRuns: RUNS, seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined, endOnFailure: true },
      )
      .catch((e: Error) => problems.push(e.message.split("\n").slice(0, 3).join(" ")));
    expect(problems).toEqual([]);
  });
});
