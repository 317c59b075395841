/**
 * What a settlement request must agree with before anything is computed: a settlement date that
 * is not in the future, and — for an imported bill — the patient and the visit type the bill was
 * filed for (a HIS file names its own patient; settling it for someone else is refused).
 */
import type { OpParsedInput } from '../../shared/contract';
import { VISIT_LABELS } from '../../shared/labels';
import { businessDate } from '../../shared/time';
import { BackendError } from './errors';
import type { KeptBills } from './kept-bills';
import type { PersonContextView } from './visit-contexts';

type SettleRequest = OpParsedInput<'settlement.preview'>;

const maskedCertno = (certno: string) => (certno.length > 8 ? `${certno.slice(0, 4)}**********${certno.slice(-4)}` : certno);
const visitLabel = (visit: string) => VISIT_LABELS[visit as keyof typeof VISIT_LABELS] ?? visit;

export function refuseFutureDate(date: string, now: Date = new Date()): void {
  const today = businessDate(now);
  if (date > today) throw new BackendError('future-date', `结算日期 ${date} 晚于今天（${today}），不能结算未来日期`);
}

/** The lines to settle: the imported bill's own (checked against patient and visit), else the request's. */
export function billLinesFor(request: SettleRequest, person: PersonContextView, bills: KeptBills): SettleRequest['lines'] {
  if (request.billId === undefined) return request.lines;
  const bill = bills.get(request.billId);
  if (!bill) throw new BackendError('bill-expired', '费用单已失效（后台已重启或载入过多费用单），请重新载入费用单');
  if (bill.patient && bill.patient.certno.trim().toUpperCase() !== person.certno.trim().toUpperCase()) {
    throw new BackendError(
      'bill-patient-mismatch',
      `此费用单是 ${bill.patient.name}（证件号 ${maskedCertno(bill.patient.certno)}）的，当前患者是 ${person.name}（证件号 ${maskedCertno(person.certno)}），不能结算；请载入本人的费用单或重新读卡`,
    );
  }
  if (bill.visit && bill.visit !== request.visit) {
    throw new BackendError(
      'bill-visit-mismatch',
      `费用单的就诊类型是「${visitLabel(bill.visit)}」，本次结算是「${visitLabel(request.visit)}」，两者不一致，不能结算；请按费用单的就诊类型结算`,
    );
  }
  return bill.lines;
}

/** Online, or the roster the offline identities came from: printed on the receipt. */
export function settlementSourceOf(person: PersonContextView): { online: boolean; rosterDate: string | null; insuplcAdmdvs: string | null } {
  if (person.online) return { online: true, rosterDate: null, insuplcAdmdvs: person.insuplcAdmdvs ?? null };
  return { online: false, rosterDate: person.provenance.find((p) => p.source === 'roster' && p.asOf)?.asOf ?? null, insuplcAdmdvs: null };
}
