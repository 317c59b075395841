/**
 * The bureau's check of an uploaded record: settle its `bill` with the project's engine and
 * compare every amount to the fen. Returns the first difference, naming the field, or null.
 */
import { CLR_TYPE, FUND_PAY_TYPES, INSUTYPE, MED_TYPE } from '../../electron/bureau/protocol';
import { SETLINFO_AMOUNT_FIELDS, type ParsedSetlinfoRecord } from '../../electron/bureau/schemas';
import { setldetailAmounts, setlinfoAmounts } from '../../electron/bureau/setlinfo';
import { settle } from '../../shared/engine';
import type { Visit } from '../../shared/engine/schema';
import { dec, formatMoney, type Decimal } from '../../shared/money';
import type { PolicyLibrary } from '../../shared/policy';

export function recomputeMismatch(record: ParsedSetlinfoRecord, library: PolicyLibrary): string | null {
  const outcome = settle(withIntegerLevels(record.bill), library);
  if (!outcome.ok) return `bill 无法重算（${outcome.error.code}）：${outcome.error.message}`;
  const sign = record.refd_setl_flag === '1' ? -1 : 1;
  const bill = record.bill as { visit: Visit; person: { insurance: string } };

  const codes: Array<[string, string | undefined, string]> = [
    ['med_type', record.med_type, MED_TYPE[bill.visit]],
    ['clr_type', record.clr_type, CLR_TYPE[bill.visit]],
    ['insutype', record.insutype, INSUTYPE[bill.person.insurance as keyof typeof INSUTYPE] ?? bill.person.insurance],
  ];
  for (const [field, sent, expected] of codes) {
    if (sent !== expected) return `${field} 与 bill 不符：上传 ${sent}，应为 ${expected}`;
  }

  const expected = setlinfoAmounts(outcome.value.amounts);
  for (const field of SETLINFO_AMOUNT_FIELDS) {
    const sent = record[field];
    if (sent === undefined) continue; // acct_pay / psn_part_amt may be left out
    const mismatch = differs(field, sent, expected[field].times(sign));
    if (mismatch) return mismatch;
  }

  const sentDetail = new Map<string, Decimal>();
  for (const row of record.setldetail) sentDetail.set(row.fund_pay_type, (sentDetail.get(row.fund_pay_type) ?? dec(0)).plus(row.fund_payamt));
  const known = new Set(FUND_PAY_TYPES.map((f) => f.code));
  for (const code of sentDetail.keys()) {
    if (!known.has(code)) return `setldetail 含本中心不认识的基金支付类型 ${code}`;
  }
  const expectedDetail = new Map(setldetailAmounts(outcome.value.amounts).map((r) => [r.code, r.amount.times(sign)]));
  for (const code of known) {
    const mismatch = differs(`setldetail[${code}].fund_payamt`, formatMoney(sentDetail.get(code) ?? 0), expectedDetail.get(code) ?? dec(0));
    if (mismatch) return mismatch;
  }
  return null;
}

function differs(field: string, sent: string, expected: Decimal): string | null {
  return dec(sent).eq(expected) ? null : `${field} 与医保中心重算结果不符：上传 ${sent}，重算 ${formatMoney(expected)}`;
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
