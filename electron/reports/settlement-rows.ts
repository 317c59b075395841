/**
 * Settlement rows as the reports need them: amounts in fen, the identities of the bill, the
 * latest status, whether reversed, and the row's business day (see business-day.ts).
 * The SQL is the ledger's (`reportRows`, `dayCloses`); this file only shapes the rows.
 */
import type { CloseRow, Ledger, ReportRawRow } from '../ledger';
import { AMOUNT_FIELDS, IDENTITIES, type AmountField, type Identity, type SettlementInput } from '../../shared/engine';
import { businessDayResolver } from './business-day';
import { shiftDay } from '../../shared/time';

export interface ReportRowData extends Record<AmountField, number> {
  id: string;
  /** Commit order (SQLite rowid, PostgreSQL seq). */
  rowid: number;
  terminalId: string;
  kind: 'settlement' | 'reversal';
  reversesId: string | null;
  reversedBy: string | null;
  operatorId: string;
  committedAt: string;
  committedOn: string;
  businessDay: string;
  certno: string;
  name: string;
  region: string;
  settleDate: string;
  visit: string;
  insurance: string;
  selfPaid: number;
  assistanceAdvanced: number;
  copay1: number;
  reviewRequired: boolean;
  monitoringAlert: boolean;
  charityReferral: boolean;
  status: string;
  identities: Identity[];
  conditions: string[];
  certificate: string | null;
  ytdPersonalPaid: string;
}

/** The identity a person is counted under: the first of IDENTITIES they hold (就高), else 'none'. */
export function primaryIdentity(identities: readonly string[]): Identity | 'none' {
  return IDENTITIES.find((i) => identities.includes(i)) ?? 'none';
}

// A run of closed days never spans more than this in practice; rows committed earlier are not
// candidates for a later business day.
const LOOKBACK_DAYS = 62;

export type ReportLedger = Pick<Ledger, 'reportRows' | 'dayCloses'>;
type ReportReadyRows = ReportRowData[];

export interface RowQuery {
  /** Business days, inclusive, yyyy-MM-dd. */
  from: string;
  to: string;
  region?: string;
  operatorId?: string;
  terminalId?: string;
}

export async function loadRows(ledger: ReportLedger, query: RowQuery): Promise<ReportReadyRows> {
  const [raw, closes] = await Promise.all([
    ledger.reportRows({
      committedFrom: shiftDay(query.from, -LOOKBACK_DAYS),
      committedTo: query.to,
      region: query.region,
      operatorId: query.operatorId,
      terminalId: query.terminalId,
    }),
    ledger.dayCloses(),
  ]);
  return toReportRows(raw, closes, query);
}

/** Pure: the ledger's rows with their business day, those in [from, to]. */
export function toReportRows(raw: readonly ReportRawRow[], closes: readonly CloseRow[], query: Pick<RowQuery, 'from' | 'to'>): ReportRowData[] {
  const dayOf = businessDayResolver(closes);
  const rows: ReportRowData[] = [];
  for (const r of raw) {
    const businessDay = dayOf({ operatorId: r.operator_id as string, committedOn: r.committed_on as string, rowid: r.seq });
    if (businessDay < query.from || businessDay > query.to) continue;
    const input = JSON.parse(r.input_json as string) as SettlementInput;
    rows.push({
      ...(Object.fromEntries(AMOUNT_FIELDS.map((f) => [f, r[f] as number])) as Record<AmountField, number>),
      id: r.id as string,
      rowid: r.seq,
      terminalId: r.terminal_id as string,
      kind: r.kind as 'settlement' | 'reversal',
      reversesId: r.reverses_id as string | null,
      reversedBy: r.reversed_by as string | null,
      operatorId: r.operator_id as string,
      committedAt: r.committed_at as string,
      committedOn: r.committed_on as string,
      businessDay,
      certno: r.patient_certno as string,
      name: r.patient_name as string,
      region: r.policy_region as string,
      settleDate: r.settle_date as string,
      visit: r.visit as string,
      insurance: r.insurance as string,
      selfPaid: r.self_paid_fen as number,
      assistanceAdvanced: r.assistance_advanced_fen as number,
      copay1: r.copay1_fen as number,
      reviewRequired: r.review_required === 1,
      monitoringAlert: r.monitoring_alert === 1,
      charityReferral: r.charity_referral === 1,
      status: r.status as string,
      identities: input.person.identities,
      conditions: input.person.conditions,
      certificate: input.person.certificate ?? null,
      ytdPersonalPaid: input.ytd.personalPaid,
    });
  }
  return rows;
}
