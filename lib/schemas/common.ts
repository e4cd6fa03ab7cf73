import { z } from "zod";

export const ZId = z.uuid();
/** 万元 as typed: up to ten digits and two decimals, kept as a decimal string. */
export const ZMoney = z
  .string()
  .trim()
  .regex(/^\d{1,10}(\.\d{1,2})?$/, "MONEY");
export const ZByIdInput = z.object({ id: ZId });
export type TByIdInput = z.infer<typeof ZByIdInput>;
export const ZSessionIdInput = z.object({ sessionId: ZId });
export type TSessionIdInput = z.infer<typeof ZSessionIdInput>;

/** What a mutation that has nothing else to say returns. */
export const ZOk = z.object({ ok: z.literal(true) });
export const OK = { ok: true as const };
/** What a mutation that creates one row returns: its id. */
export const ZCreated = z.object({ id: z.string() });

/**
 * A subscription's output schema. tRPC hands an output parser the whole stream, not each
 * value, so this one checks every value the stream yields against `schema`.
 */
export function zStreamOf<T extends z.ZodType>(schema: T) {
  return async function* checked(stream: unknown): AsyncGenerator<z.output<T>, void, unknown> {
    for await (const value of stream as AsyncIterable<unknown>) yield schema.parse(value);
  };
}
