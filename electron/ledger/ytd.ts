import type { Ytd } from '../../shared/engine';
import { formatMoney, fromFen } from '../../shared/money';
import { businessDate, yearRange, type Clock } from '../../shared/time';
import type { Dialect, Engine, Queryable } from './engine/types';

/** Visits whose 政策范围内个人自付 counts toward 大病 (the same in every region of settlement.md §5). */
export const CATASTROPHIC_VISITS = ['inpatient', 'chronic-outpatient'] as const;

const sums = (dialect: Dialect) => `SELECT
     coalesce(sum(basic_fen), 0) AS basic,
     coalesce(sum(CASE WHEN visit IN (${CATASTROPHIC_VISITS.map((v) => `'${v}'`).join(', ')}) THEN copay1_fen ELSE 0 END), 0) AS catastrophic_base,
     coalesce(sum(catastrophic_fen), 0) AS catastrophic,
     coalesce(sum(assistance_fen), 0) AS assistance,
     coalesce(sum(patient_cash_fen), 0) AS personal,
     coalesce(sum(CASE WHEN visit = 'chronic-outpatient' AND substr(settle_date, 1, 7) = @month THEN self_paid_fen ELSE 0 END), 0) AS month_self
   FROM settlements
   WHERE patient_certno = @certno AND settle_date >= @first AND settle_date <= @last
     AND (CAST(@before AS TEXT) IS NULL OR settle_date < @before)
     AND (@notUploaded = 0 OR (NOT EXISTS (SELECT 1 FROM outbox o WHERE o.settlement_id = settlements.id AND o.status = 'acked')
       AND NOT EXISTS (SELECT 1 FROM realtime_settlements r WHERE r.settlement_id = settlements.id)))
     AND settlements.${dialect === 'sqlite' ? 'rowid' : 'seq'} > @afterSeq`;

// notUploaded leaves out real-time settlements too (migration 11): the centre holds them, its 5206 counts them already.
export interface YtdQuery {
  certno: string;
  year: number;
  beforeDate?: string;
  /** Only what the bureau has not acknowledged yet. */
  notUploaded?: boolean;
  /** Only rows after this mark (`ytdMark`): what changed since the mark was taken. */
  afterSeq?: number;
  /** The month whose chronic-outpatient 个人自费 is `monthSelfPaid` (default: that of `beforeDate`, else today). */
  monthOf?: string;
}

/** The year-to-date of one person as `q` sees it (a commit reads it inside its own transaction). */
export async function readYtd(q: Queryable, now: Clock, query: YtdQuery): Promise<Ytd> {
  const { certno, year, beforeDate } = query;
  const row = (await q.get<Record<string, number>>(sums(q.dialect), {
    afterSeq: query.afterSeq ?? 0,
    notUploaded: query.notUploaded ? 1 : 0,
    certno,
    first: yearRange(year).from,
    last: yearRange(year).to,
    before: beforeDate ?? null,
    month: (query.monthOf ?? beforeDate ?? businessDate(now())).slice(0, 7),
  }))!;
  const money = (fen: number | undefined) => formatMoney(fromFen(Number(fen ?? 0)));
  return {
    basicPaid: money(row.basic),
    catastrophicBase: money(row.catastrophic_base),
    catastrophicPaid: money(row.catastrophic),
    assistancePaid: money(row.assistance),
    chainDeductiblePaid: '0.00',
    personalPaid: money(row.personal),
    monthSelfPaid: money(row.month_self),
  };
}

/**
 * Year-to-date accumulators of one person, derived from the ledger (settlements plus their
 * negative reversals), in the engine's `ytd` shape.
 *
 * - Counts settlements whose settlement date falls in `year`, and, when `beforeDate` is given,
 *   strictly before it (for recomputing a past bill). To settle a bill now, omit it: every
 *   committed settlement, including earlier ones the same day, is "before this bill".
 * - `monthSelfPaid`: 个人自费 of chronic-outpatient settlements in the month of `monthOf` (the
 *   settlement date of the bill being settled), else of `beforeDate`, else of today.
 * - `chainDeductiblePaid` is not derivable from settlements (it belongs to a referral chain) and is "0.00".
 * - Review outcomes do not change amounts, so every settlement counts whatever its review status.
 */
export function createYtd(db: Engine, now: Clock) {
  return {
    ytdFor: (certno: string, year: number, beforeDate?: string, monthOf?: string): Promise<Ytd> => readYtd(db, now, { certno, year, beforeDate, monthOf }),
    /**
     * The part of `ytdFor` the bureau has not acknowledged yet (outbox not `acked`): what to add to
     * the bureau's own accumulators (5206) so that nothing is counted twice or missed. Over the
     * whole ledger, i.e. every window of the hospital.
     */
    ytdNotUploaded: (certno: string, year: number, beforeDate?: string, monthOf?: string): Promise<Ytd> =>
      readYtd(db, now, { certno, year, beforeDate, monthOf, notUploaded: true }),
    /**
     * The position of a person's latest settlement row: taken before their year-to-date is read,
     * a commit later adds exactly the rows after it (`readYtd` with `afterSeq`). Per person, because
     * the person's lock orders their commits (row positions of different people may commit out of order).
     */
    ytdMark: async (certno: string): Promise<number> =>
      Number((await db.value(`SELECT coalesce(max(${db.dialect === 'sqlite' ? 'rowid' : 'seq'}), 0) FROM settlements WHERE patient_certno = ?`, [certno])) ?? 0),
  };
}
