import { dec, formatMoney } from '../../../shared/money';
import { fail, ok, type CommitOptions } from '../../ledger';
import type { OpParsedInput } from '../../../shared/contract';
import { settle, type SettlementInputRaw, type SettlementResult, type StoredSettlementResult } from '../../../shared/engine';
import { resolveSaleLines, SaleLineError } from '../../catalogue';
import type { SaleLine } from '../../ledger';
import { billLinesFor, refuseFutureDate, settlementSourceOf } from '../bill-checks';
import { recordReviewOutcome, withReviewOutcome } from '../review-outcome';
import { BackendError, unwrap } from '../errors';
import type { Runtime } from '../runtime';
import { settlingPerson, type SettlingPerson } from '../person-source';
import { receiptPdfPath } from '../receipt-service';
import { requireSession, sessionKeyOf, type Session } from '../session';
import { approvingSupervisor } from '../supervisor-approval';
import type { PersonContextView } from '../visit-contexts';
import type { HandlerContext, Handlers } from './types';
import { realtimePreview, realtimeSettle, storedRealtimeView, type RealtimeCommit } from '../realtime-settlement';
import { bureauOperator } from '../runtime';
import { reverseRealtime } from '../realtime-cancel';

type SettleRequest = OpParsedInput<'settlement.preview'>;

/** The engine input (case-file format) of a request: person and ytd from eligibility, hospital level from the terminal. */
export function settlementInputOf(
  request: SettleRequest,
  person: PersonContextView,
  runtime: Runtime,
  lines: SettlementInputRaw['lines'] = request.lines,
): SettlementInputRaw {
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

async function compute(request: SettleRequest, runtime: Runtime, session: Session): Promise<Computed> {
  refuseFutureDate(request.date);
  const who = settlingPerson(request, runtime.visits, sessionKeyOf(session));
  const lines = billLinesFor(request, who.person, runtime.bills);
  // A counter sale is priced and classed by the catalogue in effect on the sale date, never by the window.
  const sale = isCounterSale(request) ? await pharmacySale({ ...request, lines }, runtime) : undefined;
  // The HIS file's admission context travels with the settlement for its 4101 list; the engine ignores it.
  const admission = request.billId === undefined ? undefined : runtime.bills.get(request.billId)?.admission;
  const input = { ...settlementInputOf(request, who.person, runtime, sale?.lines ?? lines), ...(admission ? { admission } : {}) };
  const outcome = settle(input, runtime.library);
  if (!outcome.ok) throw new BackendError(outcome.error.code, outcome.error.message);
  return { input, result: outcome.value, who: sale ? { ...who, warnings: [...who.warnings, ...sale.warnings] } : who, saleLines: sale?.saleLines };
}

/** Drugs sold over a counter: at a retail pharmacy, or the hospital's own dispensing counter (not an imported HIS bill). */
const COUNTER_SOURCES = ['pharmacy-counter', 'retail-pharmacy'];
const isCounterSale = (request: SettleRequest) => request.billId === undefined && (request.visit === 'pharmacy' || COUNTER_SOURCES.includes(request.billSource ?? ''));

async function pharmacySale(request: SettleRequest, runtime: Runtime) {
  try {
    return await resolveSaleLines(runtime.ledger.catalogue, request.date, request.lines);
  } catch (error) {
    if (error instanceof SaleLineError) throw new BackendError(error.code, error.message, [{ path: error.path, message: error.message }]);
    throw error;
  }
}

async function summaryOf(runtime: Runtime, id: string) {
  const record = await runtime.ledger.getSettlement(id);
  if (!record) throw new BackendError('not-found', `找不到结算单：${id}`);
  return record;
}

function stripRecord({
  input: _input,
  trace: _trace,
  events: _events,
  reversal: _reversal,
  billSource: _billSource,
  outbox: _outbox,
  printCount: _printCount,
  ...summary
}: Awaited<ReturnType<typeof summaryOf>>) {
  return summary;
}

/** The engine's answer as stored with a settlement (what a repeated commit of the same attempt answers). */
function storedResult(record: Awaited<ReturnType<typeof summaryOf>>): StoredSettlementResult {
  return {
    policyVersion: record.policy.version,
    amounts: record.amounts,
    selfPaid: record.selfPaid,
    assistanceAdvanced: record.assistanceAdvanced,
    flags: record.flags,
    trace: record.trace,
  };
}

const operatorOf = (session: Session) => ({ id: session.operator.id, name: session.operator.name });

/**
 * The first receipt of a settlement, rendered in the write queue after the commit answered. While it
 * runs the answer says `pending` with the path it will have; `settlement.receipt` waits for it.
 */
function receiptAfterAnswer(runtime: Runtime, settlementId: string, me: Session, later: HandlerContext['later']) {
  const job = later(() => runtime.printReceipt(settlementId, operatorOf(me), runtime.settings));
  runtime.receiptJobs.track(settlementId, job);
  return { pdfPath: receiptPdfPath(runtime.receiptDir, settlementId, 0), printed: false, warning: null, pending: true };
}

/** What is known of a settlement's receipt now: the running job's outcome, else the last archived copy. */
async function receiptOf(runtime: Runtime, settlementId: string) {
  const prints = await runtime.ledger.receiptPrints(settlementId);
  const last = prints.at(-1);
  return last ? { pdfPath: last.pdfPath, printed: false, warning: null } : null;
}

/** A commit whose attempt was stored already (answer lost, restart, double press): that settlement, never a second one. */
async function replay(runtime: Runtime, settlementId: string, me: Session, later: HandlerContext['later']) {
  const record = await summaryOf(runtime, settlementId);
  const receipt = runtime.receiptJobs.running(settlementId)
    ? { pdfPath: receiptPdfPath(runtime.receiptDir, settlementId, 0), printed: false, warning: null, pending: true }
    : ((await receiptOf(runtime, settlementId)) ?? receiptAfterAnswer(runtime, settlementId, me, later));
  const realtime = await storedRealtimeView(runtime, settlementId);
  return {
    id: settlementId,
    result: storedResult(record),
    summary: stripRecord(record),
    receipt,
    replayed: true,
    ...(realtime ? { realtime } : {}),
    personSource: 'eligibility' as const,
    warnings: ['该次结算此前已保存（结算应答未送达或重复提交），这是原结算单，未重复结算'],
  };
}

/**
 * The commit's re-check under the person's lock: what another window settled or reversed for them
 * since eligibility read their year-to-date is added to it and the bill settled again (the engine
 * is pure); a different answer is refused as stale-preview.
 */
function recheckOf(runtime: Runtime, input: SettlementInputRaw, who: SettlingPerson): CommitOptions {
  if (who.ytdMark === undefined) return {};
  return {
    recheck: {
      year: Number(String(input.date).slice(0, 4)),
      ytdMark: who.ytdMark,
      resettle: (delta) => {
        const base = (input.ytd ?? {}) as Record<string, string | undefined>;
        const ytd = Object.fromEntries(Object.entries(delta).map(([k, v]) => [k, formatMoney(dec(base[k] ?? '0').plus(v ?? '0'))]));
        const again = settle({ ...input, ytd: { ...base, ...ytd } }, runtime.library);
        return again.ok ? ok(again.value) : fail(again.error.code, again.error.message);
      },
    },
  };
}

interface ToStore extends Computed {
  override: { supervisorId: string; reason: string } | undefined;
  rt: RealtimeCommit | undefined;
  /** The patient's ID number and name, checked present. */
  certno: string;
  name: string;
}

/** The commit's local half: the settlement stored (with the centre's answer at a real-time site), its receipt queued. */
async function storeCommit(runtime: Runtime, request: SettleRequest, me: Session, later: HandlerContext['later'], c: ToStore) {
  const { input, result, who, saleLines, override, rt, certno, name } = c;
  const { person } = who;
  // The settlement, its outbox row and its attempt are stored in one transaction before anything is printed or uploaded.
  const stored = await runtime.ledger.settlementSources.commitWithSource(
    {
      input: rt?.input ?? input,
      result: rt?.result ?? result,
      operator: me.operator.id,
      patient: { certno, name, psnNo: person.psnNo ?? undefined, region: person.region },
      billSource: request.billSource,
      saleLines,
      attemptId: request.attemptId,
      // The imported file's number, never the window's (a fresh one would dodge the duplicate-bill check).
      hisBillNo: request.billId === undefined ? undefined : runtime.bills.get(request.billId)?.hisBillNo,
      fingerprint: !runtime.options.practiceRepeatBills,
      duplicateOverride: override,
    },
    settlementSourceOf(person),
    // The centre's amounts are the centre's: another window's settlement does not change them here.
    rt ? {} : recheckOf(runtime, input, who),
    rt ? runtime.ledger.realtime.writer(rt.record) : undefined,
  );
  // The ledger refused what the centre settled (a duplicate bill, …): cancelled at the centre too.
  if (!stored.ok && rt) await rt.cancel();
  const committed = unwrap(stored);
  if (committed.replayed) return replay(runtime, committed.settlementId, me, later);
  // The person's year-to-date just changed: a kept context of theirs would settle the next bill wrongly.
  runtime.visits.forgetPerson(certno);
  const receipt = receiptAfterAnswer(runtime, committed.settlementId, me, later);
  const summary = stripRecord(await summaryOf(runtime, committed.settlementId));
  return {
    id: committed.settlementId,
    result: rt?.result ?? result,
    summary,
    receipt,
    personSource: who.personSource,
    warnings: who.warnings,
    ...(rt ? { realtime: rt.view } : {}),
  };
}

export const settlementHandlers = {
  'settlement.preview': async (request, { runtime, session }) => {
    const { input, result, who } = await compute(request, runtime, requireSession(session));
    if (runtime.realtime) {
      // The centre decides the three national amounts; our own settlement stands beside it.
      const rt = await realtimePreview(runtime, bureauOperator(runtime), {
        attemptId: request.attemptId,
        hisBillNo: request.hisBillNo,
        billId: request.billId,
        input,
        person: who.person,
      });
      return { ...rt, personSource: who.personSource, warnings: who.warnings };
    }
    return { input, result, personSource: who.personSource, warnings: who.warnings };
  },

  'settlement.commit': async (request, { runtime, session, later }) => {
    const me = requireSession(session);
    const earlier = await runtime.ledger.settlementOfAttempt(request.attemptId);
    if (earlier) return replay(runtime, earlier, me, later);
    const { input, result, who, saleLines } = await compute(request, runtime, me);
    const { person } = who;
    if (!person.certno || !person.name) throw new BackendError('invalid-argument', '缺少患者证件号码或姓名，请先读卡');
    const override = request.duplicateOverride
      ? { supervisorId: (await approvingSupervisor(runtime, request.duplicateOverride.supervisor, '再次结算同一费用单')).id, reason: request.duplicateOverride.reason }
      : undefined;
    // Real time: settled at the centre first (exactly once), then stored with its answer and our own computation.
    const release = runtime.realtime?.begin(request.attemptId);
    try {
      const rt: RealtimeCommit | undefined = runtime.realtime
        ? await realtimeSettle(runtime, bureauOperator(runtime), { attemptId: request.attemptId, hisBillNo: request.hisBillNo, billId: request.billId, input, person })
        : undefined;
      return await storeCommit(runtime, request, me, later, { input, result, who, saleLines, override, rt, certno: person.certno, name: person.name });
    } finally {
      release?.();
    }
  },
  'settlement.attempt': async ({ attemptId }, { runtime }) => {
    const id = await runtime.ledger.settlementOfAttempt(attemptId);
    return { settlement: id ? stripRecord(await summaryOf(runtime, id)) : null };
  },

  'settlement.receipt': async ({ id }, { runtime }) => {
    await summaryOf(runtime, id);
    const running = runtime.receiptJobs.running(id);
    if (running) return running;
    return (await receiptOf(runtime, id)) ?? { pdfPath: null, printed: false, warning: '该结算单尚未生成结算单，请按 F10 补打' };
  },

  'settlement.reverse': async ({ id, supervisor, reason }, { runtime, session }) => {
    const me = requireSession(session);
    const approver = await approvingSupervisor(runtime, supervisor, '冲销');
    const args = { supervisorId: approver.id, reason, operatorId: me.operator.id };
    // A real-time settlement is cancelled at the centre first; the local reversal follows its answer.
    const record = await runtime.ledger.realtime.recordOf(id);
    const { reversed, centre } = record
      ? await reverseRealtime(runtime, id, record, args)
      : { reversed: unwrap(await runtime.ledger.reverseSettlement(id, args)), centre: undefined };
    runtime.visits.forgetPerson((await summaryOf(runtime, id)).patient.certno);
    const receipt = await runtime.printReceipt(reversed.settlementId, operatorOf(me), runtime.settings);
    return { reversalId: reversed.settlementId, original: stripRecord(await summaryOf(runtime, id)), receipt, ...(centre ? { centre } : {}) };
  },

  'settlement.reprint': async ({ id }, { runtime, session }) => {
    await summaryOf(runtime, id);
    const receipt = await runtime.printReceipt(id, operatorOf(requireSession(session)), runtime.settings);
    return { printCount: (await summaryOf(runtime, id)).printCount, receipt };
  },

  // Filtered, paged and counted in SQL: a page never depends on how many rows came before it.
  'settlement.list': async ({ from, to, patient, minAmount, maxAmount, status, limit, offset }, { runtime }) => {
    const query = { from, to, patient, minAmount, maxAmount, status };
    const [items, total] = await Promise.all([runtime.ledger.listSettlements({ ...query, limit, offset }), runtime.ledger.countSettlements(query)]);
    return { items, total };
  },

  'settlement.get': async ({ id }, { runtime }) => {
    const record = await withReviewOutcome(runtime, await summaryOf(runtime, id));
    const centre = await runtime.ledger.realtimeCancels.centreStateOf(id);
    return centre ? { ...record, centre: { setlId: centre.setlId, mdtrtId: centre.mdtrtId, cancelSetlId: centre.cancelSetlId } } : record;
  },

  'settlement.recordReview': recordReviewOutcome,
} satisfies Partial<Handlers>;
