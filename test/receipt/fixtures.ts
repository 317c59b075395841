import { settle, type SettlementInputRaw, type SettlementResult } from '../../shared/engine';
import { loadPolicyLibrary } from '../../electron/policy';
import type { ReceiptContext, ReceiptSettlement } from '../../electron/receipt';

export const PATIENT = { certno: '220102195003150012', name: '张桂兰' };

const KINDS = ['drug', 'item', 'material', 'diagnosis', 'registration'] as const;
const CLASSES = ['A', 'B', 'C'] as const;

/** A Jilin inpatient bill of `count` lines spread over the fee kinds and the three classes. */
export function jilinBill(count: number): SettlementInputRaw {
  return {
    policy: 'CN-JL',
    date: '2019-06-01',
    visit: 'inpatient',
    hospital: { level: 2, referral: 'local' },
    person: { insurance: 'resident', identities: ['registered-poor'] },
    lines: Array.from({ length: count }, (_, i) => {
      const cls = CLASSES[i % 3]!;
      return {
        code: `X${String(i).padStart(4, '0')}`,
        name: `项目${i}`,
        class: cls,
        price: `${(i % 97) + 1}.${String(i % 100).padStart(2, '0')}`,
        qty: String((i % 4) + 1),
        kind: KINDS[i % KINDS.length],
        ...(cls === 'B' ? { selfPayRatio: '0.1' } : {}),
      };
    }),
  };
}

export function settleOrThrow(input: SettlementInputRaw): SettlementResult {
  const outcome = settle(input, loadPolicyLibrary());
  if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
  return outcome.value;
}

export function storedSettlement(input: SettlementInputRaw, result: SettlementResult, id = 'S20190601-T01-000001'): ReceiptSettlement {
  return {
    id,
    committedAt: '2019-06-01T10:15:30.123+08:00',
    terminalId: 'T01',
    patient: PATIENT,
    policy: { region: String(input.policy), version: result.policyVersion },
    input,
    amounts: result.amounts,
    assistanceAdvanced: result.assistanceAdvanced,
    flags: result.flags,
    status: result.flags.reviewRequired ? 'pending-review' : 'settled',
  };
}

export const CONTEXT: ReceiptContext = {
  hospital: { name: '长春市第二人民医院', code: 'H22010200001' },
  operator: { id: 'C001', name: '李收费' },
  printedAt: '2019-06-01 10:16:02',
  regionName: '吉林省',
};
