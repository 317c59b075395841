import { z } from 'zod';
import { AMOUNT_FIELDS, PAYER_FIELDS, settlementInputSchema, settlementResultSchema, type AmountField, type SettlementResult, type Ytd } from '../../shared/engine';
import { dec, roundFen, sum, toFen } from '../../shared/money';
import { AMOUNT_COLUMNS, DERIVED_AMOUNT_COLUMNS, FLAG_COLUMNS } from './amount-columns';
import { findAttempt, recordAttempt } from './attempts';
import { appendAudit } from './audit';
import { writeSaleLines, type SaleLine } from './catalogue';
import { canonicalJson } from './canonical-json';
import { businessDate, ledgerStamp } from '../../shared/time';
import type { LedgerDeps } from './deps';
import type { Queryable } from './engine/types';
import { lockPerson } from './locks';
import { coverRows } from './row-digest';
import { readYtd } from './ytd';
import { operatorById } from './operators';
import { fail, ok, type Result } from './result';
import type { SettlementStatus } from './settlement-record';

export const commitArgsSchema = z.object({
  input: settlementInputSchema,
  result: settlementResultSchema,
  /** Operator id (工号) of the cashier. */
  operator: z.string().min(1),
  patient: z.object({
    certno: z.string().min(1, '缺少证件号码'),
    name: z.string().min(1, '缺少姓名'),
    psnNo: z.string().optional(),
    region: z.string().optional(),
  }),
  /** Where the bill came from (HIS fee file name, pharmacy scan...), kept with the bill. */
  billSource: z.string().optional(),
  /** Pharmacy counter: each line's catalogue version and prescription (catalogue.ts). */
  saleLines: z.array(z.custom<SaleLine>()).optional(),
  /** The window's key of this attempt: an attempt already stored answers its settlement (`replayed`) instead of settling again. */
  attemptId: z.string().min(1).max(100).optional(),
  /** The HIS bill number: a bill with a number already settled (and not reversed) is refused. */
  hisBillNo: z.string().trim().min(1).max(64).optional(),
  /** Whether a bill is also matched by person, visit, date and total (default true; tests of other rules turn it off). */
  fingerprint: z.boolean().optional(),
  /** A supervisor's decision to settle a bill that looks already settled, with the reason (audited). */
  duplicateOverride: z.object({ supervisorId: z.string().min(1), reason: z.string().trim().min(1, '请填写再次结算的原因') }).optional(),
});
export type CommitArgs = z.input<typeof commitArgsSchema>;

export interface Committed {
  settlementId: string;
  committedAt: string;
  status: SettlementStatus;
  /** The attemptId was stored already: this is that earlier settlement, nothing new was written. */
  replayed?: boolean;
}

const SETTLEMENT_COLUMNS = [
  'id',
  'kind',
  'terminal_id',
  'committed_at',
  'committed_on',
  'operator_id',
  'patient_certno',
  'patient_name',
  'psn_no',
  'policy_region',
  'policy_version',
  'settle_date',
  'visit',
  'insurance',
  ...Object.values(AMOUNT_COLUMNS),
  ...Object.values(DERIVED_AMOUNT_COLUMNS),
  ...Object.values(FLAG_COLUMNS),
  'input_json',
  'trace_json',
];

const INSERT_SETTLEMENT = `INSERT INTO settlements (${SETTLEMENT_COLUMNS.join(', ')}) VALUES (${SETTLEMENT_COLUMNS.map((c) => `@${c}`).join(', ')})`;
const INSERT_LINE = `INSERT INTO bill_lines (bill_id, line_no, code, name, class, price, qty, amount_fen, self_pay_ratio, price_cap, kind, excessive, specific_drug, prescribed_at_level)
   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const UPSERT_PATIENT = `INSERT INTO patients (certno, name, psn_no, region, first_seen_at, last_seen_at, visits) VALUES (?, ?, ?, ?, ?, ?, 1)
   ON CONFLICT (certno) DO UPDATE SET name = excluded.name, psn_no = coalesce(excluded.psn_no, patients.psn_no),
     region = coalesce(excluded.region, patients.region), last_seen_at = excluded.last_seen_at, visits = patients.visits + 1`;

type Parsed = z.output<typeof commitArgsSchema>;

/** Re-settles the bill on the person's year-to-date plus what changed since the preview (`delta`). */
export type Resettle = (delta: Ytd) => Result<SettlementResult>;

export interface CommitOptions {
  /**
   * Money across windows: under the person's lock, the rows added for the person since `ytdMark`
   * (another window's settlement or reversal) are summed; when there are any the bill is settled
   * again with them, and a result that differs from the previewed one is refused (`stale-preview`).
   */
  recheck?: { year: number; ytdMark: number; resettle: Resettle };
  /** The bill re-made after its reversal (a review outcome): the same bill, keeping its HIS number, not a duplicate. */
  remakes?: string;
}

const COMPARED = [...AMOUNT_FIELDS.map((f) => (r: SettlementResult) => r.amounts[f]), (r: SettlementResult) => r.selfPaid, (r: SettlementResult) => r.assistanceAdvanced];
const sameMoney = (a: SettlementResult, b: SettlementResult) => COMPARED.every((get) => dec(get(a)).equals(dec(get(b))));
const isZero = (ytd: Ytd) => Object.values(ytd).every((v) => dec(v ?? '0').isZero());

const STALE_PREVIEW = '另一窗口刚为该患者结算或冲销，本年累计已变化，请重新预结算后再确认（本次未入账）';

/**
 * A settlement of the same bill that stands (not reversed): by HIS bill number when the bill has
 * one (a HIS numbers each discharge, so a new number is a new bill), else by person, visit, date and total.
 */
async function earlierSettlementOf(tx: Queryable, args: Parsed): Promise<string | undefined> {
  const standing = `s.kind = 'settlement' AND NOT EXISTS (SELECT 1 FROM settlements r WHERE r.reverses_id = s.id)`;
  if (args.hisBillNo) {
    return tx.value<string>(`SELECT s.id FROM settlements s JOIN bills b ON b.settlement_id = s.id WHERE b.his_bill_no = ? AND ${standing} ORDER BY s.id LIMIT 1`, [
      args.hisBillNo,
    ]);
  }
  if (args.fingerprint === false) return undefined;
  return tx.value<string>(
    `SELECT s.id FROM settlements s WHERE s.patient_certno = ? AND s.visit = ? AND s.settle_date = ? AND s.total_fen = ? AND ${standing} ORDER BY s.id LIMIT 1`,
    [args.patient.certno, args.input.visit, args.input.date, toFen(args.result.amounts.total)],
  );
}

async function storedCommit(tx: Queryable, settlementId: string): Promise<Committed> {
  const found = (await tx.get<{ committed_at: string; status: SettlementStatus }>(
    'SELECT s.committed_at, (SELECT status FROM settlement_events e WHERE e.settlement_id = s.id ORDER BY e.id DESC LIMIT 1) AS status FROM settlements s WHERE s.id = ?',
    [settlementId],
  ))!;
  return { settlementId, committedAt: found.committed_at, status: found.status };
}

/** Schema and sums checks that need no database. */
function checkArgs(raw: CommitArgs): Result<Parsed> {
  const parsed = commitArgsSchema.safeParse(raw);
  if (!parsed.success) {
    return fail('ledger-invalid-settlement', `结算数据不完整，未入账：${parsed.error.issues.map((i) => i.message).join('；')}`);
  }
  const amounts = parsed.data.result.amounts;
  const payers = sum(PAYER_FIELDS.map((f) => amounts[f]));
  if (!payers.equals(dec(amounts.total)) || Object.values(amounts).some((a) => dec(a).isNegative())) {
    return fail('ledger-inconsistent-result', `结算金额不平（合计 ${amounts.total}，各方支付之和 ${payers.toFixed(2)}），未入账`);
  }
  return ok(parsed.data);
}

/**
 * Settlement commit: the settlement, its bill and lines, its status event, its outbox row, its
 * attempt, the patient seen and an audit row, all in ONE write transaction, under the person's
 * lock. The receipt is printed only after this returns, so a crash can lose a receipt but never
 * a settlement that was printed.
 */
export function createCommit(deps: LedgerDeps) {
  async function write(tx: Queryable, args: Parsed, operatorId: string): Promise<Committed> {
    const { input, result, patient } = args;
    const amounts = result.amounts;
    const status: SettlementStatus = result.flags.reviewRequired ? 'pending-review' : 'settled';
    // The engine's own copay1; results stored before it returned intermediates carry none.
    const copay1 = result.intermediates?.copay1 ?? dec(amounts.preselfpay).plus(amounts.inscope).minus(amounts.basic).toFixed(2);
    const row: Record<string, string | number | null> = {
      kind: 'settlement',
      terminal_id: deps.terminalId,
      operator_id: operatorId,
      patient_certno: patient.certno,
      patient_name: patient.name,
      psn_no: patient.psnNo ?? null,
      policy_region: input.policy,
      policy_version: result.policyVersion,
      settle_date: input.date,
      visit: input.visit,
      insurance: input.person.insurance,
      self_paid_fen: toFen(result.selfPaid),
      assistance_advanced_fen: toFen(result.assistanceAdvanced),
      copay1_fen: toFen(copay1),
      input_json: canonicalJson(input),
      trace_json: JSON.stringify(result.trace),
    };
    for (const [field, column] of Object.entries(AMOUNT_COLUMNS)) row[column] = toFen(amounts[field as AmountField]);
    for (const [flag, column] of Object.entries(FLAG_COLUMNS)) row[column] = result.flags[flag as keyof typeof FLAG_COLUMNS] ? 1 : 0;

    const at = deps.now();
    const committedAt = ledgerStamp(at);
    const settlementId = await deps.writer.nextSettlementId(tx, at);
    await tx.run(INSERT_SETTLEMENT, { ...row, id: settlementId, committed_at: committedAt, committed_on: businessDate(at) });
    const billId = await tx.value<number>('INSERT INTO bills (settlement_id, source, line_count, his_bill_no) VALUES (?, ?, ?, ?) RETURNING id', [
      settlementId,
      args.billSource ?? null,
      input.lines.length,
      args.hisBillNo ?? null,
    ]);
    for (const [i, line] of input.lines.entries()) {
      await tx.run(INSERT_LINE, [
        billId,
        i + 1,
        line.code,
        line.name ?? null,
        line.class,
        line.price,
        line.qty,
        toFen(roundFen(dec(line.price).times(line.qty))),
        line.selfPayRatio ?? null,
        line.priceCap ?? null,
        line.kind ?? null,
        line.excessive ?? null,
        line.specificDrug ? 1 : 0,
        line.prescribedAtLevel ?? null,
      ]);
    }
    if (args.saleLines) await writeSaleLines(tx, settlementId, args.saleLines);
    const eventId = await deps.writer.recordEvent(tx, settlementId, status, operatorId);
    await deps.writer.enqueueUpload(tx, settlementId, committedAt);
    if (args.attemptId) await recordAttempt(tx, args.attemptId, settlementId, operatorId, committedAt);
    await tx.run(UPSERT_PATIENT, [patient.certno, patient.name, patient.psnNo ?? null, patient.region ?? null, committedAt, committedAt]);
    await appendAudit(tx, deps.chain, {
      actor: operatorId,
      action: 'settlement.commit',
      subject: settlementId,
      detail: {
        certno: patient.certno,
        visit: input.visit,
        total: amounts.total,
        patientCash: amounts.patientCash,
        status,
        rows: await coverRows(tx, [
          ['settlements', settlementId],
          ['settlement_events', eventId],
        ]),
      },
    });
    return { settlementId, committedAt, status };
  }

  /** The commit inside a transaction the caller holds (a review outcome re-making a settlement). */
  async function commitIn(tx: Queryable, raw: CommitArgs, options: CommitOptions = {}): Promise<Result<Committed>> {
    const checked = checkArgs(raw);
    if (!checked.ok) return checked;
    const args = checked.value;
    const operator = await operatorById(tx, args.operator);
    if (!operator?.active) return fail('ledger-unknown-operator', `收费员工号无效或已停用：${args.operator}`);
    await lockPerson(tx, args.patient.certno);
    const earlier = args.attemptId ? await findAttempt(tx, args.attemptId) : null;
    if (earlier) return ok({ ...(await storedCommit(tx, earlier)), replayed: true });

    if (options.recheck) {
      const { year, ytdMark, resettle } = options.recheck;
      const delta = await readYtd(tx, deps.now, { certno: args.patient.certno, year, afterSeq: ytdMark, monthOf: args.input.date });
      if (!isZero(delta)) {
        const again = resettle(delta);
        if (!again.ok) return again;
        if (!sameMoney(again.value, args.result)) return fail('stale-preview', STALE_PREVIEW);
      }
    }

    if (options.remakes) {
      const number = await tx.value<string | null>('SELECT his_bill_no FROM bills WHERE settlement_id = ?', [options.remakes]);
      return ok(await write(tx, { ...args, hisBillNo: args.hisBillNo ?? number ?? undefined }, operator.id));
    }
    const duplicate = await earlierSettlementOf(tx, args);
    if (duplicate && !args.duplicateOverride) {
      return fail('duplicate-bill', `该费用单已结算（结算单号 ${duplicate}），不能重复结算；如确需再次结算，请主管授权并填写原因`);
    }
    if (duplicate && args.duplicateOverride) {
      const supervisor = await operatorById(tx, args.duplicateOverride.supervisorId);
      if (!supervisor || supervisor.role !== 'supervisor' || !supervisor.active) return fail('duplicate-needs-supervisor', '再次结算同一费用单须由在职主管授权');
    }
    const committed = await write(tx, args, operator.id);
    if (duplicate && args.duplicateOverride) {
      await appendAudit(tx, deps.chain, {
        actor: args.duplicateOverride.supervisorId,
        action: 'settlement.duplicate-override',
        subject: committed.settlementId,
        detail: { earlierId: duplicate, reason: args.duplicateOverride.reason, operatorId: operator.id },
      });
    }
    return ok(committed);
  }

  async function commitSettlement(raw: CommitArgs, options: CommitOptions = {}): Promise<Result<Committed>> {
    const checked = checkArgs(raw);
    if (!checked.ok) return checked;
    return deps.db.transaction((tx) => commitIn(tx, raw, options));
  }

  return { commitSettlement, commitIn };
}
