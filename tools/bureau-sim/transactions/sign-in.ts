/** 9001: signs in any operator of any hospital code. */
import { signInInputSchema } from '../../../electron/bureau';
import { compactTime, wallTime } from '../../../shared/time';
import { nextCounter } from '../db';
import { parseInput, txFail, type TxContext, type TxOutcome } from './types';

export function signIn(ctx: TxContext): TxOutcome {
  const input = parseInput(signInInputSchema, ctx.envelope.input);
  if (!input.ok) return txFail(input.errMsg);
  const signNo = `${compactTime(ctx.now)}${String(nextCounter(ctx.db, 'sign_no')).padStart(8, '0')}`;
  const signTime = wallTime(ctx.now);
  ctx.db.prepare('INSERT INTO sign_in VALUES (?, ?, ?, ?)').run(signNo, ctx.envelope.fixmedins_code, input.value.signIn.opter_no, signTime);
  return { ok: true, output: { signinoutb: { sign_time: signTime, sign_no: signNo } } };
}

export function isSignedIn(ctx: TxContext): boolean {
  const signNo = ctx.envelope.sign_no;
  if (!signNo) return false;
  return ctx.db.prepare('SELECT 1 FROM sign_in WHERE sign_no = ? AND fixmedins_code = ?').get(signNo, ctx.envelope.fixmedins_code) !== undefined;
}
