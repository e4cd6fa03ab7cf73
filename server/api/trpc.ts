import "server-only";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import { isAppErrorCode, type AppErrorCode } from "~/lib/app-error-codes";
import type { Actor } from "../auth/actor";
import { staffMayAct } from "../auth/actor";
import { db, type Db } from "../db";
import { AppError, appErrorFromDatabase, TRPC_CODE_FOR } from "../errors";
import type { StaffRole } from "../generated/prisma/enums";

export interface Context {
  db: Db;
  actor: Actor | null;
  /** Client address bucket for throttling anonymous posts. */
  client: string;
}

export function createContextFor(actor: Actor | null, client = "direct"): Context {
  return { db, actor, client };
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
  // Clients get a stable `appCode` to localize and, for bad input, the field issues;
  // never a stack trace or a database message.
  errorFormatter({ shape, error }) {
    const appCode = appCodeOf(error);
    const fieldErrors = error.cause instanceof ZodError ? error.cause.issues.map((i) => ({ path: i.path.join("."), code: i.code, message: i.message })) : undefined;
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

/** Domain refusals (AppError, trigger errors) become tRPC errors here, in one place. */
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    const appError = cause instanceof AppError ? cause : appErrorFromDatabase(cause);
    if (appError) throw new TRPCError({ code: TRPC_CODE_FOR[appError.code], message: appError.code, cause: appError });
  }
  return result;
});

function refuse(code: "UNAUTHENTICATED" | "FORBIDDEN"): never {
  throw new TRPCError({ code: TRPC_CODE_FOR[code], message: code, cause: new AppError(code) });
}

// The ladder: each rung narrows ctx.actor so a handler cannot forget the check.
export const publicProcedure = t.procedure.use(mapErrors);

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.actor) refuse("UNAUTHENTICATED");
  return next({ ctx: { ...ctx, actor: ctx.actor } });
});

export const delegateProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.actor) refuse("UNAUTHENTICATED");
  if (ctx.actor.kind !== "delegate") refuse("FORBIDDEN");
  return next({ ctx: { ...ctx, actor: ctx.actor } });
});

function staffProcedure(required: StaffRole) {
  return publicProcedure.use(({ ctx, next }) => {
    if (!ctx.actor) refuse("UNAUTHENTICATED");
    if (ctx.actor.kind !== "staff" || !staffMayAct(ctx.actor.role, required)) refuse("FORBIDDEN");
    return next({ ctx: { ...ctx, actor: ctx.actor } });
  });
}

/** Any active staff account; the service decides per object (e.g. a department, only its own projects). */
export const staffProcedureAny = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.actor) refuse("UNAUTHENTICATED");
  if (ctx.actor.kind !== "staff") refuse("FORBIDDEN");
  return next({ ctx: { ...ctx, actor: ctx.actor } });
});
export const clerkProcedure = staffProcedure("CLERK");
export const departmentProcedure = staffProcedure("DEPARTMENT");
export const secretariatProcedure = staffProcedure("SECRETARIAT");
export const adminProcedure = staffProcedure("ADMIN");
