/**
 * settlement.preview / settlement.commit at a `bureau.settlement: realtime` site (issue #14): F4
 * asks the centre for its quotation and settles the same bill locally, both shown side by side;
 * F9 settles at the centre (exactly once, electron/realtime) and commits the centre's answer with
 * the local computation in one ledger transaction. A refusal by the ledger after the centre
 * settled cancels it there (2305 / 2208), so the two never disagree about what was settled.
 */
import { join } from 'node:path';
import type { z } from 'zod';
import type { realtimeViewSchema } from '../../shared/contract';
import type { SettlementInputRaw, SettlementResult } from '../../shared/engine';
import { dec, formatMoney } from '../../shared/money';
import type { Operator as BureauOperator } from '../bureau';
import {
  bothSettlements,
  RealtimeFlow,
  RealtimeStateStore,
  type AttemptState,
  type BothSettlements,
  type CentreLine,
  type RealtimeBill,
  type SettleAnswer,
} from '../realtime';
import type { RealtimeRecord } from '../ledger';
import { BackendError } from './errors';
import { privateFiles, sqliteFiles } from './private-files';
import type { Runtime } from './runtime';
import type { PersonContextView } from './visit-contexts';

export type RealtimeView = z.output<typeof realtimeViewSchema>;

export interface RealtimeService {
  flow(operator: BureauOperator | undefined): RealtimeFlow;
  /** Marks an attempt as being settled by this backend until the returned release is called (F9 through the local commit). */
  begin(attemptId: string): () => void;
  /**
   * Whether another attempt's work at the centre is left over: nobody here is settling it, and the
   * settlement it made (if any) is not in the ledger — a kill, or the window moving on after an
   * unknown outcome. The next F9 for the person undoes it before settling (RealtimeFlow.settle).
   */
  isLeftover(state: AttemptState): Promise<boolean>;
  close(): void;
}

export function openRealtimeService(runtime: Pick<Runtime, 'bureau' | 'ledger'>): RealtimeService {
  const path = join(runtime.bureau.dataDir, 'realtime-state.db');
  const store = new RealtimeStateStore(path);
  privateFiles(...sqliteFiles(path));
  const settling = new Map<string, number>();
  return {
    flow: (operator) => new RealtimeFlow(runtime.bureau.client(operator), store),
    begin(attemptId) {
      settling.set(attemptId, (settling.get(attemptId) ?? 0) + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (settling.get(attemptId) ?? 1) - 1;
        if (left > 0) settling.set(attemptId, left);
        else settling.delete(attemptId);
      };
    },
    async isLeftover(state) {
      if (settling.has(state.attemptId)) return false;
      if (state.pending.length > 0) return true;
      return state.setlId !== null && (await runtime.ledger.settlementOfAttempt(state.attemptId)) === null;
    },
    close: () => store.close(),
  };
}

interface BillContext {
  attemptId: string;
  hisBillNo?: string;
  billId?: string;
  input: SettlementInputRaw;
  person: PersonContextView;
}

/** What the flow needs of a bill: an online person (psn_no from 1101) and the HIS admission context. */
export function realtimeBillOf(runtime: Runtime, bill: BillContext): RealtimeBill {
  const { person, input } = bill;
  if (!person.psnNo) throw new BackendError('realtime-needs-online', '实时结算须先在线核验参保（医保中心返回人员编号）：当前为离线名单，请联网后重新读卡');
  // Where the person is insured as the bureau answered (1101), as the 4101 path names it; the policy region's code only when 1101 named none.
  const insuplcAdmdvs = person.insuplcAdmdvs ?? runtime.library.region(person.region)?.admdvs;
  if (!insuplcAdmdvs) throw new BackendError('invalid-argument', `统筹区 ${person.region} 没有医保区划代码`);
  const admission = bill.billId === undefined ? undefined : (runtime.bills.get(bill.billId)?.admission as RealtimeBill['admission']);
  return {
    attemptId: bill.attemptId,
    visit: input.visit,
    date: String(input.date),
    person: { psnNo: person.psnNo, certno: person.certno, name: person.name, insutype: person.insutype, insuplcAdmdvs },
    lines: input.lines,
    hospitalLevel: Number(input.hospital?.level ?? 1),
    referral: input.hospital?.referral ?? 'local',
    ...(bill.hisBillNo ? { hisBillNo: bill.hisBillNo } : {}),
    admission: admission ?? null,
  };
}

function both(runtime: Runtime, input: SettlementInputRaw, lines: readonly CentreLine[], answer: SettleAnswer): BothSettlements {
  const settled = bothSettlements(input, lines, answer.setlinfo, runtime.library);
  if (!settled.ok) throw new BackendError(settled.error.code, `医保中心结算结果无法与本地核算合并：${settled.error.message}`);
  return settled.value;
}

function viewOf(
  mdtrtId: string,
  setlId: string | null,
  lines: readonly CentreLine[],
  answer: SettleAnswer,
  local: SettlementResult,
  s: BothSettlements,
  recovered: string[] = [],
): RealtimeView {
  const c = answer.setlinfo;
  const pick = (a: SettlementResult['amounts']) => ({
    total: a.total,
    ownpay: a.ownpay,
    overlimit: a.overlimit,
    preselfpay: a.preselfpay,
    inscope: a.inscope,
    basic: a.basic,
    catastrophic: a.catastrophic,
    assistance: a.assistance,
  });
  return {
    mdtrtId,
    setlId,
    centre: {
      total: c.medfee_sumamt,
      ownpay: c.fulamt_ownpay_amt,
      overlimit: c.overlmt_selfpay,
      preselfpay: c.preselfpay_amt,
      inscope: c.inscp_scp_amt,
      basic: c.hifp_pay,
      catastrophic: c.hifmi_pay,
      assistance: c.maf_pay,
      fundTotal: c.fund_pay_sumamt,
      patientPart: c.psn_part_amt ?? formatMoney(dec(c.medfee_sumamt).minus(c.fund_pay_sumamt)),
    },
    local: pick(local.amounts),
    rows: s.check.rows,
    differences: s.check.differences,
    largest: s.check.largest,
    likely: s.check.likely,
    summary: s.check.summary,
    lines: lines.map((l) => ({
      code: l.code,
      name: l.name,
      billClass: l.billClass,
      centreClass: l.centreClass,
      selfPayRatio: l.selfPayRatio,
      billSelfPayRatio: l.billSelfPayRatio ?? null,
      differs: l.differs,
      memo: l.memo,
    })),
    recovered,
  };
}

const bureauFailure = (error: { code: string; message: string }) => new BackendError(error.code, error.message);

/** F4 at a real-time site: the centre's quotation, our own national settlement, the settlement to pay. */
export async function realtimePreview(runtime: Runtime, operator: BureauOperator | undefined, bill: BillContext) {
  const flow = runtime.realtime!.flow(operator);
  const quote = await flow.preSettle(realtimeBillOf(runtime, bill));
  if (!quote.ok) throw bureauFailure(quote.error);
  const s = both(runtime, bill.input, quote.value.lines, quote.value.answer);
  return { input: s.input, result: s.final, realtime: viewOf(quote.value.mdtrtId, null, quote.value.lines, quote.value.answer, s.local, s) };
}

export interface RealtimeCommit {
  input: SettlementInputRaw;
  result: SettlementResult;
  view: RealtimeView;
  record: RealtimeRecord;
  /** Cancels the centre's settlement when the ledger refuses to store it. */
  cancel(): Promise<void>;
}

/** F9 at a real-time site: settled at the centre (exactly once), ready to commit with the local computation. */
export async function realtimeSettle(runtime: Runtime, operator: BureauOperator | undefined, bill: BillContext): Promise<RealtimeCommit> {
  const service = runtime.realtime!;
  const flow = service.flow(operator);
  const rtBill = realtimeBillOf(runtime, bill);
  const settled = await flow.settle(rtBill, (state) => service.isLeftover(state));
  if (!settled.ok) throw bureauFailure(settled.error);
  const { answer, lines, setlId, mdtrtId, msgid } = settled.value;
  const s = both(runtime, bill.input, lines, answer);
  return {
    input: s.input,
    result: s.final,
    view: viewOf(mdtrtId, setlId, lines, answer, s.local, s, settled.value.recovered),
    record: { setlId, mdtrtId, msgid, centre: answer, local: { amounts: s.local.amounts, trace: s.local.trace }, check: { ...s.check } },
    cancel: async () => {
      const cancelled = await flow.cancelSettled(rtBill);
      if (!cancelled.ok) runtime.logger.error(`realtime cancel ${setlId}`, new Error(cancelled.error.message));
    },
  };
}

/** The stored view of a committed real-time settlement (a replayed commit answers it). */
export async function storedRealtimeView(runtime: Runtime, settlementId: string): Promise<RealtimeView | undefined> {
  const record = await runtime.ledger.realtime.recordOf(settlementId);
  if (!record) return undefined;
  const answer = record.centre as SettleAnswer;
  const local = record.local as SettlementResult;
  const check = record.check as unknown as BothSettlements['check'];
  return viewOf(record.mdtrtId, record.setlId, [], answer, local, { input: {} as SettlementInputRaw, local, final: local, check });
}
