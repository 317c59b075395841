/**
 * Year-to-date accumulators: online, the bureau's 5206 figures plus what this terminal settled
 * and the bureau has not acknowledged yet; the two fields 5206 does not carry come from the ledger.
 * Offline, the ledger alone (this hospital's settlements only), labelled as such.
 */
import type { Ytd } from '../../shared/engine/schema';
import { dec, formatMoney } from '../../shared/money';
import { CUM_TYPE_CODES } from '../bureau/protocol';
import type { Accumulators } from '../bureau/client';
import type { Conflict } from './types';

const YTD_LABELS: Record<(typeof CUM_TYPE_CODES)[number], string> = {
  basicPaid: '本年基本医保已支付',
  catastrophicBase: '本年大病累计自付',
  catastrophicPaid: '本年大病已支付',
  assistancePaid: '本年医疗救助已支付',
  personalPaid: '本年个人已负担',
};

export function onlineYtd(bureau: Accumulators, local: Ytd, notYetUploaded: Ytd | null): { ytd: Ytd; notices: string[]; conflicts: Conflict[] } {
  const ytd: Ytd = { ...local };
  const notices: string[] = [];
  const conflicts: Conflict[] = [];
  for (const code of CUM_TYPE_CODES) {
    const fromBureau = bureau.values[code];
    if (fromBureau === undefined) {
      notices.push(`医保中心未返回「${YTD_LABELS[code]}」，按本院记录 ${local[code]}`);
      continue;
    }
    const combined = dec(fromBureau).plus(notYetUploaded?.[code] ?? 0);
    ytd[code] = formatMoney(combined);
    // The bureau's total covers every hospital: below this terminal's own figure, something is missing.
    if (combined.lessThan(local[code])) {
      conflicts.push({
        field: 'ytd',
        bureau: formatMoney(combined),
        roster: local[code],
        message: `「${YTD_LABELS[code]}」医保中心累计 ${formatMoney(combined)} 低于本院记录 ${local[code]}，可能有结算尚未上传`,
      });
    }
  }
  for (const row of bureau.unknown) notices.push(`医保中心返回未知累计类型 ${row.code}：${row.cum}`);
  return { ytd, notices, conflicts };
}
