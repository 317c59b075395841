/**
 * Year-to-date accumulators online: what 5206 tells (read by the region's code spelling) plus
 * what this terminal settled and the bureau has not acknowledged yet. The bureau's total covers
 * every hospital, so it should never be below this hospital's own: when it is, the larger (ours)
 * is used and the cashier is told why. What 5206 does not carry comes from the ledger.
 * Offline, the ledger alone (this hospital's settlements only), labelled as such.
 */
import type { Ytd } from '../../shared/engine';
import { dec, formatMoney } from '../../shared/money';
import { ACCUMULATOR_LABELS, type CumReading } from '../bureau';
import type { Conflict } from './types';

/** The engine's ytd fields 5206 answers. */
const FROM_BUREAU = ['basicPaid', 'catastrophicBase', 'catastrophicPaid', 'assistancePaid'] as const;

export function onlineYtd(bureau: CumReading, local: Ytd, notYetUploaded: Ytd | null): { ytd: Ytd; notices: string[]; conflicts: Conflict[] } {
  const ytd: Ytd = { ...local };
  const notices: string[] = [];
  const conflicts: Conflict[] = [];
  for (const field of FROM_BUREAU) {
    const label = ACCUMULATOR_LABELS[field];
    const fromBureau = bureau.values[field];
    if (fromBureau === undefined) {
      notices.push(`医保中心未返回「${label}」，按本院记录 ${local[field]}`);
      continue;
    }
    const combined = dec(fromBureau).plus(notYetUploaded?.[field] ?? 0);
    if (combined.lessThan(local[field])) {
      ytd[field] = formatMoney(local[field]);
      conflicts.push({
        field: 'ytd',
        bureau: formatMoney(combined),
        roster: formatMoney(local[field]),
        message: `「${label}」医保中心累计 ${formatMoney(combined)} 低于本院记录 ${formatMoney(local[field])}，按较大的本院记录结算（可能有结算尚未上传或医保中心未计入）`,
      });
    } else {
      ytd[field] = formatMoney(combined);
    }
  }
  if (bureau.values.deductiblePaid !== undefined) notices.push(`医保中心：${ACCUMULATOR_LABELS.deductiblePaid} ${bureau.values.deductiblePaid}`);
  for (const row of bureau.unknown) notices.push(`医保中心返回未知累计代码 ${row.code}：${row.cum}（未计入）`);
  return { ytd, notices, conflicts };
}
