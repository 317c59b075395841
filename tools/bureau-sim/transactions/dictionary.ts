/** 1901 字典表查询 (§7): output.list[] of the type for the region, as NT1 and ZB read it. */
import { dictionaryInputSchema } from '../../../electron/bureau';
import { dictionaryRows } from '../dictionary';
import { rawNumber } from '../raw-number';
import { parseInput, txFail, type TxContext, type TxOutcome } from './types';

export function dictionary(ctx: TxContext): TxOutcome {
  const input = parseInput(dictionaryInputSchema, ctx.envelope.input);
  if (!input.ok) return txFail(input.errMsg);
  const d = input.value.data;
  const rows = dictionaryRows(ctx.db, d.type.toLowerCase(), d.admdvs, d.valiFlag === '1');
  if (rows.length === 0) return txFail(`字典类型 ${d.type} 不存在`);
  return {
    ok: true,
    output: {
      list: rows.map((r) => ({
        type: r.type,
        label: r.label,
        value: r.value,
        parent_value: r.parent_value,
        sort: rawNumber(String(r.sort)),
        vali_flag: r.vali_flag,
        create_user: 'admin',
        create_date: '2024-01-01 00:00:00',
        version: r.version,
      })),
    },
  };
}
