/**
 * 2601: undo a message that may have half-happened. A message that never arrived needs nothing;
 * a 4101 message loses the records it stored (unless one was reversed since); read-only
 * transactions have nothing to undo. Repeating a reversal is harmless.
 */
import { INFNO } from '../../../electron/bureau/protocol';
import { reversalInputSchema } from '../../../electron/bureau/schemas';
import { parseInput, txFail, type TxContext, type TxOutcome } from './types';

export function reverse(ctx: TxContext): TxOutcome {
  const input = parseInput(reversalInputSchema, ctx.envelope.input);
  if (!input.ok) return txFail(input.errMsg);
  const { omsgid, oinfno } = input.value.data;
  const hospital = ctx.envelope.fixmedins_code;
  const answer = (rvs_stas: '0' | '1', rvs_dscr: string): TxOutcome => ({ ok: true, output: { data: { omsgid, oinfno, rvs_stas, rvs_dscr } } });

  const message = ctx.db.prepare('SELECT infno, reversed FROM message WHERE msgid = ? AND fixmedins_code = ?').get(omsgid, hospital) as
    | { infno: string; reversed: number }
    | undefined;
  if (!message) return answer('0', '原交易未到达医保中心，无需冲正');
  if (message.infno !== oinfno) return txFail(`原交易编号不符：报文 ${omsgid} 的交易为 ${message.infno}`);
  if (message.reversed) return answer('1', '原交易已冲正');

  let undone = 0;
  if (oinfno === INFNO.uploadSettlements) {
    const stored = ctx.db.prepare('SELECT medins_setl_id, setl_id FROM settlement WHERE msgid = ? AND fixmedins_code = ?').all(omsgid, hospital) as Array<{
      medins_setl_id: string;
      setl_id: string;
    }>;
    for (const s of stored) {
      const reversedBy = ctx.db
        .prepare("SELECT medins_setl_id FROM settlement WHERE fixmedins_code = ? AND refd_setl_flag = '1' AND init_setl_id IN (?, ?)")
        .get(hospital, s.medins_setl_id, s.setl_id) as { medins_setl_id: string } | undefined;
      if (reversedBy) return txFail(`原交易中的结算 ${s.medins_setl_id} 已被 ${reversedBy.medins_setl_id} 冲销，不能冲正`);
    }
    undone = ctx.db.prepare('DELETE FROM settlement WHERE msgid = ? AND fixmedins_code = ?').run(omsgid, hospital).changes;
  }
  ctx.db.prepare('UPDATE message SET reversed = 1 WHERE msgid = ?').run(omsgid);
  return answer('1', oinfno === INFNO.uploadSettlements ? `已冲正，撤销结算${undone}笔` : '已冲正（原交易未改变数据）');
}
