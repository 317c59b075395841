/**
 * 2601 (national-platform.md §13 and §18, note 8): reversal is for the settlement transactions only —
 * 2207, 2208, 2304, 2305, 2401. Anything else (a 4101 whose effect is unknown is re-sent, a query
 * changes nothing) is refused. This simulator stores no real-time settlements yet (the real-time
 * issue's), so a reversible transaction it holds nothing for is answered `output {}`, the least
 * invented answer; the message is marked reversed so the same one is not undone twice.
 */
import { reversalInputSchema } from '../../../electron/bureau';
import { parseInput, txFail, type TxContext, type TxOutcome } from './types';

export const REVERSIBLE_INFNOS = ['2207', '2208', '2304', '2305', '2401'] as const;

export function reverse(ctx: TxContext): TxOutcome {
  const input = parseInput(reversalInputSchema, ctx.envelope.input);
  if (!input.ok) return txFail(input.errMsg);
  const { omsgid, oinfno } = input.value.data;
  if (!(REVERSIBLE_INFNOS as readonly string[]).includes(oinfno)) return txFail(`交易 ${oinfno} 不可冲正（可冲正的交易：${REVERSIBLE_INFNOS.join('、')}）`);
  const message = ctx.db.prepare('SELECT infno FROM message WHERE msgid = ? AND fixmedins_code = ?').get(omsgid, ctx.envelope.fixmedins_code) as { infno: string } | undefined;
  if (message && message.infno !== oinfno) return txFail(`原交易编号不符：报文 ${omsgid} 的交易为 ${message.infno}`);
  if (message) ctx.db.prepare('UPDATE message SET reversed = 1 WHERE msgid = ?').run(omsgid);
  return { ok: true, output: {} };
}
