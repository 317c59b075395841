/** 9002: gives a sign_no back; the operator must sign in again (9001) before the next call. */
import { signOutInputSchema } from '../../../electron/bureau';
import { wallTime } from '../../../shared/time';
import { parseInput, txFail, type TxContext, type TxOutcome } from './types';

export function signOut(ctx: TxContext): TxOutcome {
  const input = parseInput(signOutInputSchema, ctx.envelope.input);
  if (!input.ok) return txFail(input.errMsg);
  const { opter_no, sign_no } = input.value.signOut;
  const removed = ctx.db.prepare('DELETE FROM sign_in WHERE sign_no = ? AND fixmedins_code = ? AND opter = ?').run(sign_no, ctx.envelope.fixmedins_code, opter_no);
  if (removed.changes === 0) return txFail(`签到流水号 ${sign_no} 不属于操作员 ${opter_no}`);
  return { ok: true, output: { signoutoutb: { sign_time: wallTime(ctx.now) } } };
}
