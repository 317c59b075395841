/**
 * The centre settles a settlement list's bill itself, with what it holds of the person — insurance,
 * identities (its psn_idet_type rows through the region's table), conditions and its own
 * year-to-date — never with what the client says about them; only the cashier's 就医证 check is
 * taken, and only when it matches the number on record. A list differing by a fen is refused.
 */
import { listAmounts, setldetailAmounts, type EngineAmounts, type ParsedSettlementList } from '../../electron/bureau';
import { settle, type Identity } from '../../shared/engine';
import { dec, formatMoney, type Decimal } from '../../shared/money';
import type { PersonRow } from './db';
import { simulatorYtd } from './person-ytd';
import type { TxContext } from './transactions/types';

const INSURANCE_OF: Record<string, string> = { '390': 'resident', '310': 'employee' };

export type CentreSettlement = { ok: true; amounts: EngineAmounts; date: string; visit: string } | { ok: false; errMsg: string };

export function settleAsCentre(ctx: TxContext, person: PersonRow, billRaw: Record<string, unknown>): CentreSettlement {
  const bill = withIntegerLevels(billRaw);
  const date = typeof bill.date === 'string' ? bill.date : '';
  const policy = typeof bill.policy === 'string' ? bill.policy : '';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return { ok: false, errMsg: 'exp_content.bill.date 结算日期无效' };
  const { identities, certificate: onRecord } = centreIdentities(ctx, person, policy, date);
  const claimed = ((bill.person as { certificate?: unknown } | undefined)?.certificate ?? '') as string;
  if (claimed && claimed.trim().toUpperCase() !== onRecord.trim().toUpperCase()) return { ok: false, errMsg: `就医证号 ${claimed} 与医保中心登记不符` };
  const input = {
    ...bill,
    person: {
      insurance: centreInsurance(person),
      identities,
      conditions: JSON.parse(person.conditions) as string[],
      ...(claimed ? { certificate: onRecord } : {}),
    },
    ytd: simulatorYtd(ctx.db, person.psn_no, ctx.envelope.fixmedins_code, date),
  };
  const outcome = settle(input, ctx.library);
  if (!outcome.ok) return { ok: false, errMsg: `结算清单的费用无法结算（${outcome.error.code}）：${outcome.error.message}` };
  return { ok: true, amounts: outcome.value.amounts, date, visit: String(bill.visit) };
}

/** The insurance the centre settles a person under (its own record). */
export const centreInsurance = (person: PersonRow): string => INSURANCE_OF[person.insutype] ?? person.insutype;

/** The identities the centre holds in force on `date` (through the region's psn_idet_type table), and the 就医证 number on record. */
export function centreIdentities(
  ctx: Pick<TxContext, 'db' | 'library'>,
  person: PersonRow,
  policy: string,
  date: string,
): { identities: Identity[]; certificate: string } {
  const table = new Map(ctx.library.psnIdetTypes(policy).map((t) => [t.code, t.identity]));
  const rows = ctx.db.prepare('SELECT psn_idet_type, memo, begntime, endtime FROM identity WHERE psn_no = ?').all(person.psn_no) as Array<{
    psn_idet_type: string;
    memo: string | null;
    begntime: string;
    endtime: string | null;
  }>;
  const valid = rows.filter((r) => r.begntime.slice(0, 10) <= date && (!r.endtime || date <= r.endtime.slice(0, 10)));
  const identities = [...new Set(valid.map((r) => table.get(r.psn_idet_type)).filter((i): i is Identity => i !== undefined))];
  return { identities, certificate: valid.find((r) => table.get(r.psn_idet_type) === 'precision-target')?.memo ?? '' };
}

/** The first amount of the list that differs from the centre's own settlement (× sign), or null. */
export function listMismatch(list: ParsedSettlementList, amounts: EngineAmounts, sign: 1 | -1): string | null {
  const expected = listAmounts(amounts);
  for (const [field, value] of Object.entries(expected) as Array<[keyof typeof expected, Decimal]>) {
    const mismatch = differs(`setlinfo.${field}`, list.setlinfo[field], value.times(sign));
    if (mismatch) return mismatch;
  }
  const sent = new Map<string, Decimal>();
  for (const row of list.payinfo) sent.set(row.fund_pay_type, (sent.get(row.fund_pay_type) ?? dec(0)).plus(row.fund_payamt));
  const centre = new Map(setldetailAmounts(amounts).map((r) => [r.code, r.amount.times(sign)]));
  for (const code of new Set([...sent.keys(), ...centre.keys()])) {
    const mismatch = differs(`payinfo[${code}].fund_payamt`, formatMoney(sent.get(code) ?? 0), centre.get(code) ?? dec(0));
    if (mismatch) return mismatch;
  }
  return null;
}

function differs(field: string, sent: string, expected: Decimal): string | null {
  return dec(sent).eq(expected) ? null : `${field} 与医保中心结算结果不符：上传 ${sent}，医保中心 ${formatMoney(expected)}`;
}

/**
 * Requests are parsed keeping numbers as text, so `level: 2` arrives as "2"; the engine takes the
 * hospital level (and a line's prescribedAtLevel) as the numbers 1–3, the only non-amount numbers of a bill.
 */
function withIntegerLevels(bill: Record<string, unknown>): Record<string, unknown> {
  const level = (v: unknown) => (typeof v === 'string' && /^[123]$/.test(v) ? Number(v) : v);
  const hospital = bill.hospital as Record<string, unknown> | undefined;
  const lines = bill.lines;
  return {
    ...bill,
    ...(hospital && typeof hospital === 'object' ? { hospital: { ...hospital, level: level(hospital.level) } } : {}),
    ...(Array.isArray(lines)
      ? {
          lines: lines.map((l: unknown) =>
            l && typeof l === 'object' && 'prescribedAtLevel' in l ? { ...l, prescribedAtLevel: level((l as Record<string, unknown>).prescribedAtLevel) } : l,
          ),
        }
      : {}),
  };
}
