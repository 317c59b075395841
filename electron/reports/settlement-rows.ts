/**
 * Settlement rows as the reports need them: amounts in fen, the identities of the bill, the
 * latest status, whether reversed, and the row's business day (see business-day.ts).
 * Read-only SQL over the ledger's tables.
 */
import type Database from 'better-sqlite3';
import { AMOUNT_FIELDS, IDENTITIES, type AmountField, type Identity, type SettlementInput } from '../../shared/engine/schema';
import { AMOUNT_SELECT } from './amounts';
import { businessDayResolver, shiftDay } from './business-day';

export interface ReportRowData extends Record<AmountField, number> {
  id: string;
  rowid: number;
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

export interface RowQuery {
  /** Business days, inclusive, yyyy-MM-dd. */
  from: string;
  to: string;
  region?: string;
  operatorId?: string;
}

export function loadRows(db: Database.Database, query: RowQuery): ReportRowData[] {
  const raw = db
    .prepare(
      `SELECT s.rowid AS rowid, s.id, s.kind, s.reverses_id, s.operator_id, s.committed_at, s.committed_on, s.patient_certno, s.patient_name,
         s.policy_region, s.settle_date, s.visit, s.insurance, ${AMOUNT_SELECT},
         s.self_paid_fen, s.assistance_advanced_fen, s.copay1_fen, s.review_required, s.monitoring_alert, s.charity_referral, s.input_json,
         (SELECT r.id FROM settlements r WHERE r.reverses_id = s.id) AS reversed_by,
         (SELECT e.status FROM settlement_events e WHERE e.settlement_id = s.id ORDER BY e.id DESC LIMIT 1) AS status
       FROM settlements s
       WHERE s.committed_on >= @lo AND s.committed_on <= @to
         AND (@region IS NULL OR s.policy_region = @region) AND (@operator IS NULL OR s.operator_id = @operator)
       ORDER BY s.rowid`,
    )
    .all({ lo: shiftDay(query.from, -LOOKBACK_DAYS), to: query.to, region: query.region ?? null, operator: query.operatorId ?? null }) as Array<Record<string, unknown>>;
  const dayOf = businessDayResolver(db);
  const rows: ReportRowData[] = [];
  for (const r of raw) {
    const businessDay = dayOf({ operatorId: r.operator_id as string, committedOn: r.committed_on as string, rowid: r.rowid as number });
    if (businessDay < query.from || businessDay > query.to) continue;
    const input = JSON.parse(r.input_json as string) as SettlementInput;
    rows.push({
      ...(Object.fromEntries(AMOUNT_FIELDS.map((f) => [f, r[f] as number])) as Record<AmountField, number>),
      id: r.id as string,
      rowid: r.rowid as number,
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
