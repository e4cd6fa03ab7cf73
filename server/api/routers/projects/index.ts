import "server-only";
import { router } from "../../trpc";
import { delegateProcedures } from "./delegates";
import { departmentProcedures } from "./departments";
import { residentProcedures } from "./residents";
import { secretariatProcedures } from "./secretariat";

/**
 * After the vote, one router for four audiences, each in its own file: residents read and
 * post (moderated); departments edit only their own projects (checked per object in the
 * services); delegates supervise and rate; the secretariat follows up. The procedures keep
 * their flat names (`projects.savePlan`), so clients do not care which file holds them.
 */
export const projectsRouter = router({
  ...residentProcedures,
  ...departmentProcedures,
  ...delegateProcedures,
  ...secretariatProcedures,
});
