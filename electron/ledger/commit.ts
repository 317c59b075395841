import type Database from 'better-sqlite3';
import { z } from 'zod';
import { PAYER_FIELDS, settlementInputSchema, settlementResultSchema, type AmountField } from '../../shared/engine/schema';
import { dec, roundFen, sum, toFen } from '../../shared/money';
import { AMOUNT_COLUMNS, DERIVED_AMOUNT_COLUMNS, FLAG_COLUMNS } from './amount-columns';
import type { Attempts } from './attempts';
import type { AuditLog } from './audit';
import { createSaleLinesWriter, type SaleLine } from './catalogue';
import { canonicalJson } from './canonical-json';
import { localDate, localTimestamp, type Clock } from './clock';
import type { Operators } from './operators';
import { fail, ok, type Result } from './result';
import type { SettlementStatus } from './settlement-record';
import type { SettlementWriter } from './settlement-writer';

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
  'id', 'kind', 'terminal_id', 'committed_at', 'committed_on', 'operator_id', 'patient_certno', 'patient_name',
  'psn_no', 'policy_region', 'policy_version', 'settle_date', 'visit', 'insurance',
  ...Object.values(AMOUNT_COLUMNS), ...Object.values(DERIVED_AMOUNT_COLUMNS), ...Object.values(FLAG_COLUMNS),
  'input_json', 'trace_json',
];

/**
 * Settlement commit: the settlement, its bill and lines, its status event, its outbox row, the
 * patient seen and an audit row, all in ONE immediate transaction. The receipt is printed only
 * after this returns, so a crash can lose a receipt but never a settlement that was printed.
 */
export function createCommit(db: Database.Database, deps: { audit: AuditLog; operators: Operators; writer: SettlementWriter; attempts: Attempts; now: Clock; terminalId: string }) {
  const insertSettlement = db.prepare(
    `INSERT INTO settlements (${SETTLEMENT_COLUMNS.join(', ')}) VALUES (${SETTLEMENT_COLUMNS.map((c) => `@${c}`).join(', ')})`,
  );
  const insertBill = db.prepare('INSERT INTO bills (settlement_id, source, line_count) VALUES (?, ?, ?)');
  const insertLine = db.prepare(
    `INSERT INTO bill_lines (bill_id, line_no, code, name, class, price, qty, amount_fen, self_pay_ratio, price_cap, kind, excessive, specific_drug, prescribed_at_level)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const upsertPatient = db.prepare(
    `INSERT INTO patients (certno, name, psn_no, region, first_seen_at, last_seen_at, visits) VALUES (?, ?, ?, ?, ?, ?, 1)
     ON CONFLICT (certno) DO UPDATE SET name = excluded.name, psn_no = coalesce(excluded.psn_no, psn_no),
       region = coalesce(excluded.region, region), last_seen_at = excluded.last_seen_at, visits = visits + 1`,
  );

  const writeSaleLines = createSaleLinesWriter(db);
  const storedRow = db.prepare(
    'SELECT s.committed_at, (SELECT status FROM settlement_events e WHERE e.settlement_id = s.id ORDER BY e.id DESC LIMIT 1) AS status FROM settlements s WHERE s.id = ?',
  );
  const storedCommit = (settlementId: string): Committed => {
    const found = storedRow.get(settlementId) as { committed_at: string; status: SettlementStatus };
    return { settlementId, committedAt: found.committed_at, status: found.status };
  };

  return function commitSettlement(raw: CommitArgs): Result<Committed> {
    const parsed = commitArgsSchema.safeParse(raw);
    if (!parsed.success) {
      return fail('ledger-invalid-settlement', `结算数据不完整，未入账：${parsed.error.issues.map((i) => i.message).join('；')}`);
    }
    const { input, result, patient } = parsed.data;
    const amounts = result.amounts;
    const payers = sum(PAYER_FIELDS.map((f) => amounts[f]));
    if (!payers.equals(dec(amounts.total)) || Object.values(amounts).some((a) => dec(a).isNegative())) {
      return fail('ledger-inconsistent-result', `结算金额不平（合计 ${amounts.total}，各方支付之和 ${payers.toFixed(2)}），未入账`);
    }
    const operator = deps.operators.get(parsed.data.operator);
    if (!operator?.active) return fail('ledger-unknown-operator', `收费员工号无效或已停用：${parsed.data.operator}`);

    const status: SettlementStatus = result.flags.reviewRequired ? 'pending-review' : 'settled';
    const copay1 = dec(amounts.preselfpay).plus(amounts.inscope).minus(amounts.basic);
    const row: Record<string, string | number | null> = {
      kind: 'settlement',
      terminal_id: deps.terminalId,
      operator_id: operator.id,
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

    return db
      .transaction((): Result<Committed> => {
        const attemptId = parsed.data.attemptId;
        const earlier = attemptId ? deps.attempts.findSync(attemptId) : null;
        if (earlier) return ok({ ...storedCommit(earlier), replayed: true });
        const at = deps.now();
        const committedAt = localTimestamp(at);
        const settlementId = deps.writer.nextSettlementId(at);
        insertSettlement.run({ ...row, id: settlementId, committed_at: committedAt, committed_on: localDate(at) });
        const billId = insertBill.run(settlementId, parsed.data.billSource ?? null, input.lines.length).lastInsertRowid;
        input.lines.forEach((line, i) => {
          insertLine.run(
            billId, i + 1, line.code, line.name ?? null, line.class, line.price, line.qty,
            toFen(roundFen(dec(line.price).times(line.qty))),
            line.selfPayRatio ?? null, line.priceCap ?? null, line.kind ?? null, line.excessive ?? null,
            line.specificDrug ? 1 : 0, line.prescribedAtLevel ?? null,
          );
        });
        if (parsed.data.saleLines) writeSaleLines(settlementId, parsed.data.saleLines);
        deps.writer.recordEvent(settlementId, status, operator.id);
        deps.writer.enqueueUpload(settlementId, committedAt);
        if (attemptId) deps.attempts.record(attemptId, settlementId, operator.id, committedAt);
        upsertPatient.run(patient.certno, patient.name, patient.psnNo ?? null, patient.region ?? null, committedAt, committedAt);
        deps.audit.append({
          actor: operator.id,
          action: 'settlement.commit',
          subject: settlementId,
          detail: { certno: patient.certno, visit: input.visit, total: amounts.total, patientCash: amounts.patientCash, status },
        });
        return ok({ settlementId, committedAt, status });
      })
      .immediate();
  };
}
