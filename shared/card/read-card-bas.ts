import { cardError } from './errors';
import type { CardIdentity } from './identity';
import { err, type CardResult } from './result';
import { socialSecurityIdentity } from './social-security';

/**
 * The MOHRSS `iReadCardBas` output of vendor readers that read the card themselves:
 * `区划码|社会保障号码|卡号|卡识别码|姓名|卡复位信息|规范版本|发卡日期|卡有效期|终端机编号|终端设备号|`
 * Eleven fields, each followed by `|`. The string carries no card type, initialising
 * institution, sex or birth date: the last two come from the ID number.
 */
export function identityFromReadCardBas(text: string, today: string): CardResult<CardIdentity> {
  const trimmed = text.replace(/[\r\n\0]+$/, '');
  const parts = trimmed.split('|');
  if (parts.length !== 12 || parts[11] !== '') {
    return err(cardError('readcardbas-invalid', `应为11个以“|”结尾的字段，收到${parts.length - 1}个`));
  }
  const [region, certno, cardNo, cardSn, name, atr, specVersion, issueDate, expiry] = parts.map((p) => p.trim()) as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  return socialSecurityIdentity({ region, certno, cardNo, cardSn: cardSn.toUpperCase(), name, atr, specVersion, issueDate, expiry, cardType: '', initOrg: '' }, today);
}

/** The same string from an identity, for HIS integrations that expect it. */
export function formatReadCardBas(identity: CardIdentity, terminal = { terminalNo: '000000000000', deviceNo: '' }): string {
  const compact = (iso: string | null): string => (iso ?? '').replaceAll('-', '');
  const fields = [
    identity.region ?? '',
    identity.certno ?? '',
    identity.cardNo ?? '',
    identity.cardSn ?? '',
    identity.name ?? '',
    identity.socialSecurityCard?.atr ?? '',
    identity.socialSecurityCard?.specVersion ?? '',
    compact(identity.validFrom),
    compact(identity.validTo),
    terminal.terminalNo,
    terminal.deviceNo,
  ];
  return fields.map((f) => `${f}|`).join('');
}
