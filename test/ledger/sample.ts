// Synthetic but self-consistent settlements for ledger tests and the ledger bench.
import { AMOUNT_FIELDS, PAYER_FIELDS, type AmountField, type SettlementInputRaw, type SettlementResult } from '../../shared/engine/schema';
import { dec, formatMoney, roundFen, sum } from '../../shared/money';
import type { CommitArgs } from '../../electron/ledger';

export interface SampleOptions {
  certno?: string;
  name?: string;
  date?: string;
  visit?: SettlementInputRaw['visit'];
  policy?: string;
  lines?: number;
  /** Amounts to fix; `total` defaults to the bill's sum, `patientCash` to whatever is left. */
  amounts?: Partial<Record<AmountField, string>>;
  selfPaid?: string;
  reviewRequired?: boolean;
  operator?: string;
  /** The HIS bill number; each sample is its own bill unless given (null: none, the fingerprint check applies). */
  hisBillNo?: string | null;
}

export function sampleBill(options: SampleOptions = {}): SettlementInputRaw {
  const count = options.lines ?? 3;
  return {
    policy: options.policy ?? 'CN-GZ',
    date: options.date ?? '2021-03-15',
    visit: options.visit ?? 'inpatient',
    hospital: { level: 2, referral: 'local' },
    person: { insurance: 'resident', identities: ['subsistence'], conditions: [] },
    lines: Array.from({ length: count }, (_, i) => ({
      code: `X${String(i + 1).padStart(4, '0')}`,
      name: `项目${i + 1}`,
      class: 'A' as const,
      price: `${100 + i}.50`,
      qty: '2',
    })),
  };
}

export function sampleResult(bill: SettlementInputRaw, options: SampleOptions = {}): SettlementResult {
  const billTotal = sum(bill.lines.map((l) => roundFen(dec(String(l.price)).times(String(l.qty)))));
  const given = options.amounts ?? {};
  const total = dec(given.total ?? billTotal);
  const amounts = Object.fromEntries(AMOUNT_FIELDS.map((f) => [f, '0.00'])) as Record<AmountField, string>;
  amounts.total = formatMoney(total);
  amounts.inscope = formatMoney(total);
  amounts.basic = formatMoney(roundFen(total.times('0.7')));
  for (const [field, value] of Object.entries(given)) amounts[field as AmountField] = formatMoney(value);
  if (given.patientCash === undefined) {
    const others = sum(PAYER_FIELDS.filter((f) => f !== 'patientCash').map((f) => amounts[f]));
    amounts.patientCash = formatMoney(total.minus(others));
  }
  return {
    policyVersion: `${bill.policy}@2021-01-01`,
    amounts,
    selfPaid: formatMoney(options.selfPaid ?? dec(amounts.ownpay).plus(amounts.overlimit)),
    assistanceAdvanced: '0.00',
    flags: { reviewRequired: options.reviewRequired ?? false, monitoringAlert: false, charityReferral: false, deferredPayment: false },
    trace: [{ layer: 'basic', title: '基本医保', applies: true, summary: '示例', amount: amounts.basic, params: [], limits: [], notes: [] }],
  };
}

let billNumbers = 0;

export function sampleCommit(options: SampleOptions = {}): CommitArgs {
  const input = sampleBill(options);
  const hisBillNo = options.hisBillNo === undefined ? `ZY${process.pid}-${++billNumbers}` : options.hisBillNo;
  return {
    input,
    result: sampleResult(input, options),
    operator: options.operator ?? 'cashier',
    patient: { certno: options.certno ?? '520102196503150017', name: options.name ?? '王建国', psnNo: 'P0001' },
    billSource: 'his-demo.json',
    ...(hisBillNo === null ? {} : { hisBillNo }),
  };
}
