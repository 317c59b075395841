/** Where the bureau and the local roster disagree: shown to the cashier, never resolved silently. */
import type { Identity } from '../../shared/engine';
import { IDENTITY_LABELS } from '../../shared/labels';
import type { Conflict, RosterMatch } from './types';

export function bureauRosterConflicts(
  bureau: { name: string; identities: Identity[]; certificate?: string },
  roster: RosterMatch,
  rosterInForce: Identity[],
): Conflict[] {
  const conflicts: Conflict[] = [];
  if (bureau.name !== roster.name) {
    conflicts.push({ field: 'name', bureau: bureau.name, roster: roster.name, message: `姓名不一致：医保中心「${bureau.name}」，名单「${roster.name}」` });
  }
  const labels = (ids: Identity[]) => ids.map((i) => IDENTITY_LABELS[i]).join('、') || '无';
  const onlyRoster = rosterInForce.filter((i) => !bureau.identities.includes(i));
  const onlyBureau = bureau.identities.filter((i) => !rosterInForce.includes(i));
  if (onlyRoster.length > 0 || onlyBureau.length > 0) {
    const parts = [
      onlyRoster.length > 0 ? `名单有「${labels(onlyRoster)}」而医保中心无` : '',
      onlyBureau.length > 0 ? `医保中心有「${labels(onlyBureau)}」而名单无` : '',
    ].filter(Boolean);
    conflicts.push({
      field: 'identities',
      bureau: labels(bureau.identities),
      roster: labels(rosterInForce),
      message: `身份不一致（名单日期 ${roster.version.rosterDate}）：${parts.join('；')}。按医保中心结算`,
    });
  }
  const rosterCert = roster.certificate?.trim() || '';
  const bureauCert = bureau.certificate ?? '';
  if (rosterCert !== bureauCert && (rosterCert || bureauCert)) {
    conflicts.push({
      field: 'certificate',
      bureau: bureauCert || '无',
      roster: rosterCert || '无',
      message: `就医证号不一致：医保中心「${bureauCert || '无'}」，名单「${rosterCert || '无'}」`,
    });
  }
  return conflicts;
}
