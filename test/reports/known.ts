// Settlements with amounts fixed by hand, so report figures can be checked to the fen.
import { AMOUNT_FIELDS, PAYER_FIELDS, type AmountField, type FlagField, type SettlementInputRaw } from '../../shared/engine/schema';
import { dec, formatMoney, sum } from '../../shared/money';
import type { CommitArgs, Ledger } from '../../electron/ledger';
import { unwrap } from '../ledger/helpers';
import { sampleIntermediates } from '../../tools/fixtures';

export interface Known {
  certno: string;
  name: string;
  policy: string;
  date: string;
  visit: SettlementInputRaw['visit'];
  identities: string[];
  conditions?: string[];
  amounts: Partial<Record<AmountField, string>>;
  flags?: Partial<Record<FlagField, boolean>>;
  assistanceAdvanced?: string;
  ytdPersonalPaid?: string;
  operator?: string;
}

export function knownCommit(k: Known): CommitArgs {
  const amounts = Object.fromEntries(AMOUNT_FIELDS.map((f) => [f, formatMoney(k.amounts[f] ?? '0')])) as Record<AmountField, string>;
  const payers = sum(PAYER_FIELDS.map((f) => amounts[f]));
  if (!payers.eq(amounts.total)) throw new Error(`known settlement does not add up: ${formatMoney(payers)} ≠ ${amounts.total}`);
  return {
    input: {
      policy: k.policy,
      date: k.date,
      visit: k.visit,
      hospital: { level: 2, referral: 'local' },
      person: { insurance: 'resident', identities: k.identities as never, conditions: (k.conditions ?? []) as never },
      ytd: { personalPaid: k.ytdPersonalPaid ?? '0' },
      lines: [{ code: 'X1', class: 'A', price: amounts.total, qty: '1' }],
    },
    result: {
      policyVersion: `${k.policy}@test`,
      amounts,
      selfPaid: formatMoney(dec(amounts.ownpay).plus(amounts.overlimit)),
      assistanceAdvanced: formatMoney(k.assistanceAdvanced ?? '0'),
      flags: { reviewRequired: false, monitoringAlert: false, charityReferral: false, deferredPayment: false, ...k.flags },
      intermediates: sampleIntermediates(k.visit, amounts),
      trace: [],
    },
    operator: k.operator ?? 'cashier',
    patient: { certno: k.certno, name: k.name },
  };
}

export const commitKnown = async (ledger: Ledger, k: Known): Promise<string> => unwrap(await ledger.commitSettlement(knownCommit(k))).settlementId;

export const reverse = async (ledger: Ledger, id: string, operatorId = 'cashier'): Promise<string> =>
  unwrap(await ledger.reverseSettlement(id, { supervisorId: 'supervisor', reason: '收费错误', operatorId })).settlementId;
