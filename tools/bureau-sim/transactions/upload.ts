/**
 * 4101 (national-platform.md §15): one settlement list per message, answered with
 * `output.data.setl_list_id`. Idempotent on setl_id: the same list sent again (after a timeout) is
 * answered with the first setl_list_id and stored once; a different list under a stored setl_id is
 * refused. The centre settles the list's bill itself (recompute.ts) and refuses a difference of a
 * fen; a reversal must name a stored, unreversed settlement and negate it exactly.
 */
import { createHash } from 'node:crypto';
import {
  CLR_TYPE,
  MED_TYPE,
  LIST_FUND_CODES,
  SETLINFO_AMOUNT_FIELDS,
  settlementListInputSchema,
  type ParsedSettlementList,
  type SetlinfoAmountField,
  setlinfoAmounts,
} from '../../../electron/bureau';
import { compactTime, wallTime } from '../../../shared/time';
import type { Visit } from '../../../shared/engine';
import { dec, formatMoney, fromFen, type Decimal } from '../../../shared/money';
import { findPerson, findSettlement, insertSettlement, nextCounter, type SettlementRow } from '../db';
import { listMismatch, settleAsCentre } from '../recompute';
import { parseInput, txFail, type TxContext, type TxOutcome } from './types';
import { cancellationOf } from '../realtime';

export function uploadSettlementList(ctx: TxContext): TxOutcome {
  const input = parseInput(settlementListInputSchema, ctx.envelope.input);
  if (!input.ok) return txFail(input.errMsg);
  const list = input.value;
  const info = list.setlinfo;
  const hospital = ctx.envelope.fixmedins_code;
  if (info.fixmedins_code !== hospital) return txFail(`setlinfo.fixmedins_code ${info.fixmedins_code} 与报文的定点医药机构编号 ${hospital} 不符`);
  const unknownFund = list.payinfo.find((p) => !LIST_FUND_CODES.has(p.fund_pay_type));
  if (unknownFund) return txFail(`payinfo 含本中心不认识的基金支付类型 ${unknownFund.fund_pay_type}`);

  const fingerprint = fingerprintOf(list);
  const existing = findSettlement(ctx.db, hospital, info.setl_id);
  // The list of a real-time settlement the centre made itself (2207/2304): attached, never settled again.
  if (existing?.fingerprint === 'realtime') {
    // A list describes a settlement that stands: none for a cancellation, none for a settlement cancelled before its list came.
    if (existing.refd_setl_flag === '1') return txFail(`结算ID ${existing.setl_id} 是结算撤销（原结算ID ${existing.init_setl_id}），无需上传结算清单`);
    const cancelledBy = cancellationOf(ctx.db, existing.setl_id);
    if (cancelledBy && !existing.setl_list_id) return txFail(`结算ID ${existing.setl_id} 已撤销（撤销结算ID ${cancelledBy}），无需上传结算清单`);
    return attachToRealtime(ctx, existing.setl_id, existing.setl_list_id);
  }
  if (existing) {
    return existing.fingerprint === fingerprint
      ? { ok: true, output: { data: { setl_list_id: existing.setl_list_id ?? existing.setl_id } }, warn: '该结算清单已上传，未重复保存' }
      : txFail(`结算ID ${info.setl_id} 的结算清单已上传且内容不同，未覆盖原清单`);
  }

  const person = findPerson(ctx.db, info.hi_no ? { psnNo: info.hi_no } : { certno: info.certno });
  if (!person) return txFail(info.hi_no ? `人员编号 ${info.hi_no} 不存在` : `证件号码 ${info.certno} 未参保`);
  if (person.certno !== info.certno.toUpperCase()) return txFail(`证件号码 ${info.certno} 与人员编号 ${person.psn_no} 不符`);

  const initId = list.exp_content.init_setl_id;
  let amounts: Record<SetlinfoAmountField, Decimal>;
  let medType: string;
  let clrType: string;
  let settleDate: string;
  if (initId) {
    const original = findOriginal(ctx, initId);
    if (typeof original === 'string') return txFail(original);
    const mismatch = negationMismatch(list, original);
    if (mismatch) return txFail(mismatch);
    amounts = Object.fromEntries(SETLINFO_AMOUNT_FIELDS.map((f) => [f, fromFen(original[f]).negated()])) as Record<SetlinfoAmountField, Decimal>;
    ({ med_type: medType, clr_type: clrType } = original);
    settleDate = original.settle_date ?? original.setl_time.slice(0, 10);
  } else {
    const centre = settleAsCentre(ctx, person, list.exp_content.bill);
    if (!centre.ok) return txFail(centre.errMsg);
    const mismatch = listMismatch(list, centre.amounts, 1);
    if (mismatch) return txFail(mismatch);
    amounts = setlinfoAmounts(centre.amounts);
    medType = MED_TYPE[centre.visit as Visit] ?? '';
    clrType = CLR_TYPE[centre.visit as Visit] ?? '';
    settleDate = centre.date;
  }

  const setlListId = `${ctx.envelope.mdtrtarea_admvs}${compactTime(ctx.now)}${String(nextCounter(ctx.db, 'setl_list_id')).padStart(10, '0')}`;
  insertSettlement(ctx.db, {
    fixmedinsCode: hospital,
    setlId: info.setl_id,
    setlListId,
    msgid: ctx.envelope.msgid,
    psnNo: person.psn_no,
    certno: person.certno,
    insutype: person.insutype,
    medType,
    clrType,
    setlTime: info.dcla_time || wallTime(ctx.now),
    settleDate,
    refdSetlFlag: initId ? '1' : '0',
    initSetlId: initId ?? null,
    amounts,
    fingerprint,
    record: list,
    storedAt: wallTime(ctx.now),
  });
  return { ok: true, output: { data: { setl_list_id: setlListId } } };
}

function attachToRealtime(ctx: TxContext, setlId: string, listed: string | null): TxOutcome {
  if (listed) return { ok: true, output: { data: { setl_list_id: listed } }, warn: '该结算清单已上传，未重复保存' };
  const setlListId = `${ctx.envelope.mdtrtarea_admvs}${compactTime(ctx.now)}${String(nextCounter(ctx.db, 'setl_list_id')).padStart(10, '0')}`;
  ctx.db.prepare('UPDATE settlement SET setl_list_id = ? WHERE setl_id = ?').run(setlListId, setlId);
  return { ok: true, output: { data: { setl_list_id: setlListId } } };
}

/** The list's content without the declaration time (a re-send declares again). */
function fingerprintOf(list: ParsedSettlementList): string {
  const { dcla_time: _dcla, ...setlinfo } = list.setlinfo;
  return createHash('sha256')
    .update(JSON.stringify({ ...list, setlinfo }))
    .digest('hex');
}

function findOriginal(ctx: TxContext, initId: string): SettlementRow | string {
  const original = findSettlement(ctx.db, ctx.envelope.fixmedins_code, initId);
  if (!original || original.refd_setl_flag !== '0') return `exp_content.init_setl_id ${initId} 不是本院已上传的结算`;
  const reversedBy = ctx.db
    .prepare("SELECT setl_id FROM settlement WHERE fixmedins_code = ? AND refd_setl_flag = '1' AND init_setl_id = ?")
    .get(ctx.envelope.fixmedins_code, original.setl_id) as { setl_id: string } | undefined;
  if (reversedBy) return `原结算 ${initId} 已被 ${reversedBy.setl_id} 冲销`;
  return original;
}

/** A reversal states the original list's amounts negated, fund by fund. */
function negationMismatch(list: ParsedSettlementList, original: SettlementRow): string | null {
  const first = JSON.parse(original.record) as ParsedSettlementList;
  for (const field of ['psn_selfpay', 'psn_ownpay', 'acct_pay', 'psn_cashpay'] as const) {
    const expected = dec(first.setlinfo[field]).negated();
    if (!dec(list.setlinfo[field]).eq(expected)) return `setlinfo.${field} 与原结算清单金额的相反数不符：上传 ${list.setlinfo[field]}，应为 ${formatMoney(expected)}`;
  }
  const sums = (rows: ParsedSettlementList['payinfo']) => {
    const m = new Map<string, Decimal>();
    for (const r of rows) m.set(r.fund_pay_type, (m.get(r.fund_pay_type) ?? dec(0)).plus(r.fund_payamt));
    return m;
  };
  const sent = sums(list.payinfo);
  const before = sums(first.payinfo);
  for (const code of new Set([...sent.keys(), ...before.keys()])) {
    const expected = (before.get(code) ?? dec(0)).negated();
    if (!(sent.get(code) ?? dec(0)).eq(expected))
      return `payinfo[${code}] 与原结算清单金额的相反数不符：上传 ${formatMoney(sent.get(code) ?? 0)}，应为 ${formatMoney(expected)}`;
  }
  return null;
}
