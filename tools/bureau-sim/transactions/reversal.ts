/**
 * 2601 (national-platform.md §13 and §18, note 8): reversal is for the settlement transactions only —
 * 2207, 2208, 2304, 2305, 2401. Anything else (a 4101 whose effect is unknown is re-sent, a query
 * changes nothing) is refused. A real-time settlement, cancellation or admission the message made
 * is undone (../realtime/settle.ts `undoByReversal`), and a message reversed before it arrived is
 * refused when it does; the answer is `output {}`, the least invented one.
 */
import { reversalInputSchema } from '../../../electron/bureau';
import { parseInput, txFail, type TxContext, type TxOutcome } from './types';
import { undoByReversal } from '../realtime';

export const REVERSIBLE_INFNOS = ['2207', '2208', '2304', '2305', '2401'] as const;

export function reverse(ctx: TxContext): TxOutcome {
  const input = parseInput(reversalInputSchema, ctx.envelope.input);
  if (!input.ok) return txFail(input.errMsg);
  const { omsgid, oinfno } = input.value.data;
  if (!(REVERSIBLE_INFNOS as readonly string[]).includes(oinfno)) return txFail(`交易 ${oinfno} 不可冲正（可冲正的交易：${REVERSIBLE_INFNOS.join('、')}）`);
  const message = ctx.db.prepare('SELECT infno FROM message WHERE msgid = ? AND fixmedins_code = ?').get(omsgid, ctx.envelope.fixmedins_code) as
    { infno: string } | undefined;
  if (message && message.infno !== oinfno) return txFail(`原交易编号不符：报文 ${omsgid} 的交易为 ${message.infno}`);
  if (message) ctx.db.prepare('UPDATE message SET reversed = 1 WHERE msgid = ?').run(omsgid);
  undoByReversal(ctx, omsgid, oinfno);
  return { ok: true, output: {} };
}
