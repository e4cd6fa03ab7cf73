import "server-only";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import { isAppErrorCode, type AppErrorCode } from "~/lib/app-error-codes";
import type { Actor, ActorRef, DelegateRef } from "../auth/actor";
import { loadActor } from "../auth/actor";
import { staffMayAct } from "../domain/permissions";
import { db, type Db } from "../db";
import { AppError, appErrorFromDatabase, TRPC_CODE_FOR } from "../errors";
import type { StaffRole } from "../generated/prisma/enums";

export interface Context {
  db: Db;
  /** What the session cookie claims, not yet checked against the database. */
  ref: ActorRef | null;
  /**
   * The checked caller (null: anonymous, disabled, or authVersion moved on), looked up at
   * most once per request and only when a rung of the ladder asks for it: the ballot
   * storm's `delegate.cast` checks the account inside its own statement instead.
   */
  loadActor: () => Promise<Actor | null>;
  /** Client address bucket for throttling anonymous posts. */
  client: string;
}

/** An HTTP request's context: the session's reference, checked lazily (or already, `checked`). */
export function createRequestContext(ref: ActorRef | null, client = "direct", checked?: Promise<Actor | null>): Context {
  let actor = checked;
  return { db, ref, loadActor: () => (actor ??= loadActor(db, ref)), client };
}

/** A context for an actor already checked (server components, tests). */
export function createContextFor(actor: Actor | null, client = "direct"): Context {
  const ref = actor ? { kind: actor.kind, id: actor.id, v: actor.v } : null;
  return { db, ref, loadActor: () => Promise.resolve(actor), client };
}

/** The stable code a client localizes, for any error a procedure ends with. */
export function appCodeOf(error: TRPCError): AppErrorCode {
  if (error.cause instanceof AppError) return error.cause.code;
  if (isAppErrorCode(error.message)) return error.message;
  if (error.cause instanceof ZodError || error.code === "BAD_REQUEST" || error.code === "PARSE_ERROR") return "BAD_INPUT";
  if (error.code === "NOT_FOUND") return "NOT_FOUND";
  return "INTERNAL";
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  // Live streams (SSE) ping while quiet, so a phone whose connection died without closing
  // (hall Wi-Fi) notices within 40 s and reconnects, rather than wait for news forever.
  sse: { ping: { enabled: true, intervalMs: 15_000 }, client: { reconnectAfterInactivityMs: 40_000 } },
  // Clients get a stable `appCode` to localize and, for bad input, the field issues;
  // never a stack trace or a database message.
  errorFormatter({ shape, error }) {
    const appCode = appCodeOf(error);
    const fieldErrors =
      error.cause instanceof ZodError
        ? error.cause.issues.map((i) => ({ path: i.path.join("."), code: i.code, message: i.message }))
        : undefined;
    const details = error.cause instanceof AppError ? error.cause.details : undefined;
    return {
      message: appCode,
      code: shape.code,
      data: { code: shape.data.code, httpStatus: shape.data.httpStatus, appCode, fieldErrors, details },
    };
  },
});

export const createCallerFactory = t.createCallerFactory;
export const router = t.router;

/** A domain refusal (AppError, a trigger's error) as the tRPC error a client reads, or null. */
function refusalOf(cause: unknown): TRPCError | null {
  const appError = cause instanceof AppError ? cause : appErrorFromDatabase(cause);
  return appError ? new TRPCError({ code: TRPC_CODE_FOR[appError.code], message: appError.code, cause: appError }) : null;
}

/** Domain refusals become tRPC errors here, in one place. */
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const refusal = refusalOf(result.error.cause);
    if (refusal) throw refusal;
  }
  return result;
});

/** A live stream whose refusals, thrown while it runs (after every middleware returned), are mapped the same way. */
export async function* refusalsMapped<T>(stream: AsyncIterable<T>): AsyncGenerator<T> {
  try {
    yield* stream;
  } catch (error) {
    throw refusalOf(error) ?? error;
  }
}

function refuse(code: "UNAUTHENTICATED" | "FORBIDDEN"): never {
  throw new TRPCError({ code: TRPC_CODE_FOR[code], message: code, cause: new AppError(code) });
}

// The ladder: each rung narrows ctx.actor so a handler cannot forget the check.
export const publicProcedure = t.procedure.use(mapErrors);

export const authedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const actor = await ctx.loadActor();
  if (!actor) refuse("UNAUTHENTICATED");
  return next({ ctx: { ...ctx, actor } });
});

export const delegateProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const actor = await ctx.loadActor();
  if (!actor) refuse("UNAUTHENTICATED");
  if (actor.kind !== "delegate") refuse("FORBIDDEN");
  return next({ ctx: { ...ctx, actor } });
});

/**
 * A delegate's session whose account check (active, authVersion) is *not* done here: the
 * service must make it part of its own statement, and check the account fully (loadActor)
 * on every path that does not end in that statement's success — see castBallot. This
 * saves the storm one database round trip per ballot; "a disabled account is refused at
 * once" still holds because the statement reads the Delegate row it writes against.
 */
export const delegateSessionProcedure = publicProcedure.use(async ({ ctx, next }) => {
  if (!ctx.ref) refuse("UNAUTHENTICATED");
  if (ctx.ref.kind !== "delegate") refuse((await ctx.loadActor()) ? "FORBIDDEN" : "UNAUTHENTICATED");
  const delegate: DelegateRef = { kind: "delegate", id: ctx.ref.id, v: ctx.ref.v, jti: ctx.ref.jti };
  const result = await next({ ctx: { ...ctx, delegate } });
  // Input the schema refused never reached the service's check: a stale session learns only that it is one.
  if (!result.ok && result.error.code === "BAD_REQUEST" && !(await ctx.loadActor())) refuse("UNAUTHENTICATED");
  return result;
});

function staffProcedure(required: StaffRole) {
  return publicProcedure.use(async ({ ctx, next }) => {
    const actor = await ctx.loadActor();
    if (!actor) refuse("UNAUTHENTICATED");
    if (actor.kind !== "staff" || !staffMayAct(actor.role, required)) refuse("FORBIDDEN");
    return next({ ctx: { ...ctx, actor } });
  });
}

/** Any active staff account; the service decides per object (e.g. a department, only its own projects). */
export const staffProcedureAny = publicProcedure.use(async ({ ctx, next }) => {
  const actor = await ctx.loadActor();
  if (!actor) refuse("UNAUTHENTICATED");
  if (actor.kind !== "staff") refuse("FORBIDDEN");
  return next({ ctx: { ...ctx, actor } });
});
export const clerkProcedure = staffProcedure("CLERK");
export const departmentProcedure = staffProcedure("DEPARTMENT");
export const secretariatProcedure = staffProcedure("SECRETARIAT");
export const adminProcedure = staffProcedure("ADMIN");
