import { z } from "zod";

export const ZId = z.uuid();
export const ZByIdInput = z.object({ id: ZId });
export type TByIdInput = z.infer<typeof ZByIdInput>;
export const ZSessionIdInput = z.object({ sessionId: ZId });
export type TSessionIdInput = z.infer<typeof ZSessionIdInput>;
