import { FLAG_FIELDS, settlementInputSchema, type AmountField, type FlagField, type SettlementInputRaw, type StoredTraceStep, type Visit } from '../../shared/engine';
import { CONDITION_LABELS, IDENTITY_LABELS, VISIT_LABELS, percent, traceParamValue } from '../../shared/labels';
import { dec, formatMoney, toChineseUppercase } from '../../shared/money';
import { stampWallTime } from '../../shared/time';
import { groupByCategory, type CategoryRow } from './categories';
import { ANALYSIS_LABELS, FLAG_LABELS, HOSPITAL_LEVEL_LABELS, INSURANCE_LABELS, PAYMENT_LABELS, REFERRAL_LABELS, STATUS_LABELS } from './labels';
import { maskIdNumber } from './mask';

/** The part of a stored settlement (ledger `SettlementRecord`) that goes on paper. */
export interface ReceiptSettlement {
  id: string;
  committedAt: string;
  terminalId: string;
  patient: { certno: string; name: string };
  policy: { region: string; version: string };
  /** The engine input (case-file format); its lines are grouped on the receipt. */
  input: SettlementInputRaw | unknown;
  amounts: Record<AmountField, string>;
  assistanceAdvanced: string;
  flags: Record<FlagField, boolean>;
  status: string;
  /** A reversal (冲销) prints as a refund voucher: negative amounts and the original's number. */
  kind?: 'settlement' | 'reversal';
  reversesId?: string | null;
  /** Set once this settlement was reversed: every later copy says 已冲销. */
  reversedBy?: string | null;
  reversal?: { reason: string } | null;
  /** Where the person context came from: offline = the local roster and this hospital's ledger. */
  source?: { online: boolean; rosterDate: string | null } | null;
  /** The engine's calculation steps as stored; the specific-drug share (e.g. 80 %) is read from them. */
  trace?: readonly StoredTraceStep[];
  /** A real-time settlement: the centre's setl_id and the three amounts it decided. */
  realtime?: { setlId: string; basic: string; catastrophic: string; assistance: string } | null;
}

/** A pharmacy-counter specific drug's prescription (ledger sale_lines), by bill line number (1-based). */
export interface ReceiptPrescription {
  lineNo: number;
  hospital: string;
  level: number | null;
  number: string | null;
}

export interface ReceiptContext {
  hospital: { name: string; code: string };
  operator: { id: string; name: string };
  /** When this copy is printed (local time text); passed in so the model stays a pure function. */
  printedAt: string;
  /** 0 for the original print, n for the n-th reprint (补打). */
  reprint?: number;
  /** Display name of the policy region, e.g. 广东省江门市. */
  regionName?: string;
  maxCategoryRows?: number;
  prescriptions?: readonly ReceiptPrescription[];
  /** Printed while the terminal settles against the built-in bureau simulator (bureau.mode demo). */
  demo?: boolean;
}

export interface ReceiptAmountRow {
  label: string;
  amount: string;
}

export interface ReceiptModel {
  title: string;
  subtitle: string;
  hospital: { name: string; code: string };
  settlementId: string;
  settledAt: string;
  printedAt: string;
  reprint: number;
  status: string;
  patient: { name: string; idMasked: string; insurance: string; identities: string[]; conditions: string[] };
  /** hospitalLevel / referral are null at a retail pharmacy (they play no part there). */
  visit: { label: string; date: string; hospitalLevel: string | null; referral: string | null; policy: string };
  /** 就医证号 where the cashier verified one (Jiangmen). */
  certificate: string | null;
  /** 离线结算 when the identities came from the local roster. */
  mode: string | null;
  bill: { rows: CategoryRow[]; lineCount: number; total: string; byClass: { A: string; B: string; C: string }; analysis: ReceiptAmountRow[] };
  payments: ReceiptAmountRow[];
  hospitalShare: string;
  patientCash: { amount: string; uppercase: string };
  flags: string[];
  notes: string[];
  operator: { id: string; name: string };
  terminalId: string;
  /** Encoded in the QR code: the settlement id, which the history screen and the bureau know it by. */
  qrText: string;
}

export class ReceiptError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ReceiptError';
  }
}

const negated = (amount: string) => formatMoney(dec(amount).negated());
const negatedRow = (row: CategoryRow): CategoryRow => ({
  ...row,
  amount: negated(row.amount),
  byClass: { A: negated(row.byClass.A), B: negated(row.byClass.B), C: negated(row.byClass.C) },
});

function statusOf(settlement: ReceiptSettlement): string {
  if (settlement.kind === 'reversal') return `冲销（原结算单 ${settlement.reversesId ?? '—'}）`;
  if (settlement.reversedBy) return `已冲销（冲销单 ${settlement.reversedBy}）`;
  return STATUS_LABELS[settlement.status] ?? settlement.status;
}

function sourceNotes(source: ReceiptSettlement['source']): string[] {
  if (!source || source.online) return [];
  const roster = source.rosterDate ? `${source.rosterDate} 本地花名册` : '本地花名册';
  return [`离线结算：医保中心不可用，人员身份依据${roster}；本年累计只含本院结算记录`];
}

const sumOf = (rows: readonly CategoryRow[], pick: (r: CategoryRow) => string) => rows.reduce((acc, r) => acc.plus(pick(r)), dec(0)).toFixed(2);

/** Everything printed on the one-page receipt, computed from the stored settlement alone. */
export function buildReceiptModel(settlement: ReceiptSettlement, context: ReceiptContext): ReceiptModel {
  const parsed = settlementInputSchema.safeParse(settlement.input);
  if (!parsed.success) {
    throw new ReceiptError('receipt-invalid-settlement', `结算单 ${settlement.id} 的费用明细无法读取，不能打印`);
  }
  const input = parsed.data;
  const amounts = settlement.amounts;
  const reversal = settlement.kind === 'reversal';
  const grouped = groupByCategory(input.lines, context.maxCategoryRows);
  const rows = reversal ? grouped.map(negatedRow) : grouped;
  const billTotal = sumOf(rows, (r) => r.amount);
  if (billTotal !== amounts.total) {
    throw new ReceiptError('receipt-total-mismatch', `结算单 ${settlement.id} 的费用明细合计 ${billTotal} 与结算总额 ${amounts.total} 不符，不能打印`);
  }
  // Once the review outcome is recorded the receipt no longer says 待专家审核.
  const reviewed = settlement.status === 'reviewed-approved' || settlement.status === 'reviewed-rejected';
  const flags = FLAG_FIELDS.filter((f) => settlement.flags[f] && !(f === 'reviewRequired' && reviewed)).map((f) => FLAG_LABELS[f]);
  const notes: string[] = [];
  if (dec(settlement.assistanceAdvanced).greaterThan(0)) {
    notes.push(`医疗救助 ${settlement.assistanceAdvanced} 元由精准扶贫资金先行垫付`);
  }
  if (settlement.flags.deferredPayment) notes.push('先诊疗后付费：个人支付部分可按约定于出院后结清');
  notes.push(...specificDrugNotes(input.lines, settlement.trace ?? [], context.prescriptions ?? []));
  if (reversal) {
    notes.unshift(
      `本凭证冲销结算单 ${settlement.reversesId ?? '—'}，各项金额为负数，个人现金支付为负数即应退还患者${settlement.reversal ? `；冲销原因：${settlement.reversal.reason}` : ''}`,
    );
  } else if (settlement.reversedBy) {
    notes.unshift(`本结算单已由 ${settlement.reversedBy} 冲销，本副本仅供查考`);
  }
  notes.push(...sourceNotes(settlement.source));
  if (settlement.realtime) {
    const r = settlement.realtime;
    notes.unshift(
      `医保实时结算：医保结算ID ${r.setlId}；医保中心核定基本医保 ${r.basic}、大病保险 ${r.catastrophic}、医疗救助 ${r.assistance} 元，其余各项由本院按地方政策计算`,
    );
  }
  const atPharmacy = input.visit === 'pharmacy';

  return {
    title: `${context.hospital.name}`,
    subtitle: reversal ? '医疗费用结算冲销凭证' : '医疗费用一站式结算单',
    hospital: context.hospital,
    settlementId: settlement.id,
    settledAt: stampWallTime(settlement.committedAt),
    printedAt: stampWallTime(context.printedAt),
    reprint: context.reprint ?? 0,
    status: statusOf(settlement),
    patient: {
      name: settlement.patient.name,
      idMasked: maskIdNumber(settlement.patient.certno),
      insurance: INSURANCE_LABELS[input.person.insurance] ?? input.person.insurance,
      identities: input.person.identities.map((i) => IDENTITY_LABELS[i]),
      conditions: input.person.conditions.map((c) => CONDITION_LABELS[c]),
    },
    visit: {
      label: VISIT_LABELS[input.visit as Visit],
      date: input.date,
      hospitalLevel: atPharmacy ? null : `${HOSPITAL_LEVEL_LABELS[input.hospital.level] ?? input.hospital.level}医院`,
      referral: atPharmacy ? null : (REFERRAL_LABELS[input.hospital.referral] ?? input.hospital.referral),
      policy: `${context.regionName ?? settlement.policy.region} 政策版本 ${settlement.policy.version}`,
    },
    certificate: input.person.certificate?.trim() || null,
    mode:
      [settlement.source && !settlement.source.online ? '离线结算' : null, context.demo ? '演示（内置医保模拟服务，非真实医保结算）' : null].filter(Boolean).join('，') ||
      null,
    bill: {
      rows,
      lineCount: input.lines.length,
      total: billTotal,
      byClass: { A: sumOf(rows, (r) => r.byClass.A), B: sumOf(rows, (r) => r.byClass.B), C: sumOf(rows, (r) => r.byClass.C) },
      analysis: ANALYSIS_LABELS.map(({ field, label }) => ({ label, amount: amounts[field] })),
    },
    payments: PAYMENT_LABELS.filter(({ field, always }) => always || !dec(amounts[field]).isZero()).map(({ field, label }) => ({
      label,
      amount: amounts[field],
    })),
    hospitalShare: amounts.hospitalShare,
    patientCash: { amount: amounts.patientCash, uppercase: toChineseUppercase(amounts.patientCash) },
    flags,
    notes,
    operator: context.operator,
    terminalId: settlement.terminalId,
    qrText: settlement.id,
  };
}

/**
 * 特殊药品 lines (Liaoning, at a pharmacy): each drug with its prescription, then the share the
 * supplementary insurance paid of them as the engine computed it (base × ratio = amount).
 */
function specificDrugNotes(
  lines: ReadonlyArray<{ name?: string; code: string; price: string; qty: string; specificDrug?: boolean; prescribedAtLevel?: number }>,
  trace: readonly StoredTraceStep[],
  prescriptions: readonly ReceiptPrescription[],
): string[] {
  const notes: string[] = [];
  lines.forEach((line, i) => {
    if (!line.specificDrug) return;
    const rx = prescriptions.find((p) => p.lineNo === i + 1);
    const level = rx?.level ?? line.prescribedAtLevel;
    const where = rx
      ? `处方医院：${rx.hospital}（${HOSPITAL_LEVEL_LABELS[level ?? 0] ?? ''}）${rx.number ? `，处方号 ${rx.number}` : ''}`
      : `处方医院级别：${HOSPITAL_LEVEL_LABELS[level ?? 0] ?? '—'}`;
    notes.push(`特殊药品 ${line.name ?? line.code} ${dec(line.price).times(line.qty).toFixed(2)} 元，${where}`);
  });
  const share = trace.find((t) => t.applies && traceParamValue(t, 'supplementary.specificDrugRatio') !== undefined);
  const ratio = share && traceParamValue(share, 'supplementary.specificDrugRatio');
  if (share && ratio !== undefined && share.base !== undefined && share.amount !== undefined) {
    notes.push(`补充保险支付特殊药品 ${share.base} × ${percent(ratio, 2)} = ${share.amount} 元`);
  }
  return notes;
}
