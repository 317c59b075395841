import type { OpParsedInput } from '../../../shared/contract';
import { settle, type SettlementInputRaw, type SettlementResult } from '../../../shared/engine';
import { resolveSaleLines, SaleLineError } from '../../catalogue';
import type { SaleLine } from '../../ledger';
import { BackendError, unwrap } from '../errors';
import type { Runtime } from '../runtime';
import { settlingPerson, type SettlingPerson } from '../person-source';
import { requireSession, type Session } from '../session';
import { approvingSupervisor } from '../supervisor-approval';
import type { PersonContextView } from '../visit-contexts';
import type { Handlers } from './types';

type SettleRequest = OpParsedInput<'settlement.preview'>;

/** The engine input (case-file format) of a request: person and ytd from eligibility, hospital level from the terminal. */
export function settlementInputOf(request: SettleRequest, person: PersonContextView, runtime: Runtime, lines: SettlementInputRaw['lines'] = request.lines): SettlementInputRaw {
  return {
    policy: person.region,
    date: request.date,
    visit: request.visit,
    hospital: { level: runtime.settings.hospital.level, referral: request.referral },
    person: {
      insurance: person.insurance,
      identities: person.identities,
      conditions: person.conditions,
      ...(person.certificate ? { certificate: person.certificate } : {}),
    },
    ytd: person.ytd,
    lines,
  };
}

interface Computed {
  input: SettlementInputRaw;
  result: SettlementResult;
  who: SettlingPerson;
  saleLines?: SaleLine[];
}

async function compute(request: SettleRequest, runtime: Runtime): Promise<Computed> {
  const who = settlingPerson(request, runtime.visits);
  // A pharmacy sale is priced and classed by the catalogue in effect on the sale date, never by the window.
  const sale = request.visit === 'pharmacy' ? await pharmacySale(request, runtime) : undefined;
  const input = settlementInputOf(request, who.person, runtime, sale?.lines);
  const outcome = settle(input, runtime.library);
  if (!outcome.ok) throw new BackendError(outcome.error.code, outcome.error.message);
  return { input, result: outcome.value, who: sale ? { ...who, warnings: [...who.warnings, ...sale.warnings] } : who, saleLines: sale?.saleLines };
}

async function pharmacySale(request: SettleRequest, runtime: Runtime) {
  try {
    return await resolveSaleLines(runtime.ledger.catalogue, request.date, request.lines);
  } catch (error) {
    if (error instanceof SaleLineError) throw new BackendError(error.code, error.message, [{ path: error.path, message: error.message }]);
    throw error;
  }
}

function summaryOf(runtime: Runtime, id: string) {
  const record = runtime.ledger.getSettlement(id);
  if (!record) throw new BackendError('not-found', `找不到结算单：${id}`);
  return record;
}

function stripRecord({ input: _input, trace: _trace, events: _events, reversal: _reversal, billSource: _billSource, outbox: _outbox, printCount: _printCount, ...summary }: ReturnType<typeof summaryOf>) {
  return summary;
}

const operatorOf = (session: Session) => ({ id: session.operator.id, name: session.operator.name });

export const settlementHandlers = {
  'settlement.preview': async (request, { runtime }) => {
    const { input, result, who } = await compute(request, runtime);
    return { input, result, personSource: who.personSource, warnings: who.warnings };
  },

  'settlement.commit': async (request, { runtime, session }) => {
    const me = requireSession(session);
    const { input, result, who, saleLines } = await compute(request, runtime);
    const { person } = who;
    if (!person.certno || !person.name) throw new BackendError('invalid-argument', '缺少患者证件号码或姓名，请先读卡');
    // The settlement and its outbox row are stored in one transaction before anything is printed or uploaded.
    const committed = unwrap(
      runtime.ledger.commitSettlement({
        input,
        result,
        operator: me.operator.id,
        patient: { certno: person.certno, name: person.name, psnNo: person.psnNo ?? undefined, region: person.region },
        billSource: request.billSource,
        saleLines,
      }),
    );
    // The person's year-to-date just changed: a kept context of theirs would settle the next bill wrongly.
    runtime.visits.forgetPerson(person.certno);
    const receipt = await runtime.printReceipt(committed.settlementId, operatorOf(me), runtime.settings);
    const summary = stripRecord(summaryOf(runtime, committed.settlementId));
    return { id: committed.settlementId, result, summary, receipt, personSource: who.personSource, warnings: who.warnings };
  },

  'settlement.reverse': async ({ id, supervisor, reason }, { runtime, session }) => {
    const me = requireSession(session);
    const approver = approvingSupervisor(runtime.ledger.operators, supervisor, '冲销');
    const reversed = unwrap(runtime.ledger.reverseSettlement(id, { supervisorId: approver.id, reason, operatorId: me.operator.id }));
    runtime.visits.forgetPerson(summaryOf(runtime, id).patient.certno);
    const receipt = await runtime.printReceipt(reversed.settlementId, operatorOf(me), runtime.settings);
    return { reversalId: reversed.settlementId, original: stripRecord(summaryOf(runtime, id)), receipt };
  },

  'settlement.reprint': async ({ id }, { runtime, session }) => {
    summaryOf(runtime, id);
    const receipt = await runtime.printReceipt(id, operatorOf(requireSession(session)), runtime.settings);
    return { printCount: summaryOf(runtime, id).printCount, receipt };
  },

  'settlement.list': ({ from, to, patient, minAmount, maxAmount, status, limit, offset }, { runtime }) => {
    const found = runtime.ledger.listSettlements({ from, to, patient, minAmount, maxAmount, limit: 1000 });
    const matching = status ? found.filter((s) => s.status === status) : found;
    return { items: matching.slice(offset, offset + limit), total: matching.length };
  },

  'settlement.get': ({ id }, { runtime }) => summaryOf(runtime, id),

  'settlement.recordReview': ({ id, outcome, note }, { runtime, session }) => {
    unwrap(runtime.ledger.recordReview(id, { outcome, operatorId: requireSession(session).operator.id, note: note || undefined }));
    return stripRecord(summaryOf(runtime, id));
  },
} satisfies Partial<Handlers>;
