import { AMOUNT_FIELDS, FLAG_FIELDS, type AmountField, type FlagField, type SettlementInput, type StoredTraceStep } from '../../shared/engine';
import { formatMoney, fromFen } from '../../shared/money';
import { AMOUNT_COLUMNS, DERIVED_AMOUNT_COLUMNS, FLAG_COLUMNS } from './amount-columns';

export const SETTLEMENT_STATUSES = ['settled', 'pending-review', 'reviewed-approved', 'reviewed-rejected'] as const;
export type SettlementStatus = (typeof SETTLEMENT_STATUSES)[number];
export type SettlementKind = 'settlement' | 'reversal';

export interface SettlementSummary {
  id: string;
  kind: SettlementKind;
  /** For a reversal: the settlement it negates. */
  reversesId: string | null;
  /** For a settlement: the reversal that negated it, if any. */
  reversedBy: string | null;
  terminalId: string;
  committedAt: string;
  operatorId: string;
  patient: { certno: string; name: string; psnNo: string | null };
  policy: { region: string; version: string };
  /** The settlement date of the bill (discharge / sale date): what year-to-date sums go by. */
  date: string;
  visit: string;
  insurance: string;
  amounts: Record<AmountField, string>;
  selfPaid: string;
  assistanceAdvanced: string;
  /** 政策范围内个人自付 = preselfpay + inscope − basic: the base of 大病 and assistance. */
  copay1: string;
  /** What this settlement adds to the person's 大病 year-to-date (the engine's, under the policy in force; migration 14). */
  catastrophicBase: string;
  flags: Record<FlagField, boolean>;
  status: SettlementStatus;
}

export interface SettlementEvent {
  status: SettlementStatus;
  operatorId: string;
  at: string;
  note: string | null;
}

export interface OutboxState {
  status: 'pending' | 'sent' | 'acked' | 'rejected';
  attempts: number;
  lastError: string | null;
  bureauSetlId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SettlementRecord extends SettlementSummary {
  input: SettlementInput;
  trace: StoredTraceStep[];
  events: SettlementEvent[];
  reversal: { supervisorId: string; reason: string; at: string } | null;
  billSource: string | null;
  outbox: OutboxState | null;
  printCount: number;
}

/** Columns of a summary; the JSON columns are read only for a full record. */
export const SUMMARY_SELECT = `
  s.id, s.kind, s.reverses_id, s.terminal_id, s.committed_at, s.operator_id, s.patient_certno, s.patient_name,
  s.psn_no, s.policy_region, s.policy_version, s.settle_date, s.visit, s.insurance,
  ${[...Object.values(AMOUNT_COLUMNS), ...Object.values(DERIVED_AMOUNT_COLUMNS), ...Object.values(FLAG_COLUMNS)].map((c) => `s.${c}`).join(', ')},
  (SELECT r.id FROM settlements r WHERE r.reverses_id = s.id) AS reversed_by,
  (SELECT e.status FROM settlement_events e WHERE e.settlement_id = s.id ORDER BY e.id DESC LIMIT 1) AS status`;

export type SummaryRow = Record<string, string | number | null>;

const money = (fen: unknown) => formatMoney(fromFen(fen as number));

export function toSummary(row: SummaryRow): SettlementSummary {
  return {
    id: row.id as string,
    kind: row.kind as SettlementKind,
    reversesId: row.reverses_id as string | null,
    reversedBy: row.reversed_by as string | null,
    terminalId: row.terminal_id as string,
    committedAt: row.committed_at as string,
    operatorId: row.operator_id as string,
    patient: { certno: row.patient_certno as string, name: row.patient_name as string, psnNo: row.psn_no as string | null },
    policy: { region: row.policy_region as string, version: row.policy_version as string },
    date: row.settle_date as string,
    visit: row.visit as string,
    insurance: row.insurance as string,
    amounts: Object.fromEntries(AMOUNT_FIELDS.map((f) => [f, money(row[AMOUNT_COLUMNS[f]])])) as Record<AmountField, string>,
    selfPaid: money(row[DERIVED_AMOUNT_COLUMNS.selfPaid]),
    assistanceAdvanced: money(row[DERIVED_AMOUNT_COLUMNS.assistanceAdvanced]),
    copay1: money(row[DERIVED_AMOUNT_COLUMNS.copay1]),
    catastrophicBase: money(row[DERIVED_AMOUNT_COLUMNS.catastrophicBase]),
    flags: Object.fromEntries(FLAG_FIELDS.map((f) => [f, row[FLAG_COLUMNS[f]] === 1])) as Record<FlagField, boolean>,
    status: row.status as SettlementStatus,
  };
}
