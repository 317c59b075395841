import type { PolicyLibrary } from '../../../shared/policy';
import type { z } from 'zod';
import type { requestEnvelopeSchema } from '../../../electron/bureau';
import type { SimDb } from '../db';

export type Envelope = z.output<typeof requestEnvelopeSchema>;

export interface TxContext {
  db: SimDb;
  library: PolicyLibrary;
  envelope: Envelope;
  now: Date;
}

/** A transaction's answer: output for infcode 0 (or a file's bytes, 9102), or the err_msg of infcode -1. */
export type TxOutcome = { ok: true; output: unknown; warn?: string; file?: Buffer } | { ok: false; errMsg: string };

export const txFail = (errMsg: string): TxOutcome => ({ ok: false, errMsg });

/** Validates a transaction's input; the error names the field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): { ok: true; value: z.output<S> } | { ok: false; errMsg: string } {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0]!;
  return { ok: false, errMsg: `输入参数错误：input.${issue.path.join('.')} ${issue.message}` };
}
