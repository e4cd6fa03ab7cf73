import "server-only";
import { z } from "zod";
import { OK, ZCreated, ZOk } from "~/lib/schemas/common";
import { ZDepartmentProject, ZPlanInput, ZProgressUpdateInput, ZSupervisionReplyInput } from "~/lib/schemas/projects";
import { listDepartmentProjects } from "../../../services/department-projects";
import { postProgressUpdate, savePlan } from "../../../services/project-implementation";
import { replyToNote } from "../../../services/supervision";
import { storage } from "../../../storage";
import { staffProcedureAny } from "../../trpc";

/**
 * Responsible departments (and the secretariat): the plan, progress and answers to
 * supervision notes of a project. Any staff account gets past the gate; who may edit
 * which project is decided per object in the services (mayEditProject).
 */
export const departmentProcedures = {
  savePlan: staffProcedureAny
    .input(ZPlanInput)
    .output(ZOk)
    .mutation(async ({ ctx, input }) => {
      await savePlan(ctx.db, ctx.actor, input);
      return OK;
    }),
  postUpdate: staffProcedureAny
    .input(ZProgressUpdateInput)
    .output(ZCreated)
    .mutation(async ({ ctx, input }) => ({ id: await postProgressUpdate(ctx.db, storage, ctx.actor, input) })),
  /**
   * A department's own approved projects, with the supervision notes filed on them (full
   * text and replies: the public page shows only summaries). Other staff get an empty list.
   */
  mine: staffProcedureAny.output(z.array(ZDepartmentProject)).query(({ ctx }) => listDepartmentProjects(ctx.db, ctx.actor)),
  reply: staffProcedureAny
    .input(ZSupervisionReplyInput)
    .output(ZCreated)
    .mutation(async ({ ctx, input }) => ({ id: await replyToNote(ctx.db, ctx.actor, input) })),
};
