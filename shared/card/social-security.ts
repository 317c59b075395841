import { checkCitizenId, citizenIdFacts } from './citizen-id';
import { compactDateToIso, isExpired } from './dates';
import { cardError } from './errors';
import { baseIdentity, type CardIdentity } from './identity';
import { err, ok, type CardResult } from './result';

/** The decoded data elements of a social-security card (EF05/EF06), as text. */
export interface SocialSecurityFields {
  /** 卡识别码, hex; its first 6 digits are the issuing region unless `region` is given. */
  cardSn: string;
  region?: string;
  cardType: string;
  specVersion: string;
  initOrg: string;
  /** YYYYMMDD */
  issueDate: string;
  /** YYYYMMDD */
  expiry: string;
  cardNo: string;
  certno: string;
  name: string;
  /** '1' male, '2' female; from the ID number when absent. */
  sex?: string;
  ethnicity?: string;
  birthplace?: string | null;
  /** YYYYMMDD; from the ID number when absent. */
  birthDate?: string;
  atr: string;
}

function invalid(detail: string): CardResult<never> {
  return err(cardError('card-data-invalid', detail));
}

/** Validates the card's fields and builds the identity; a card with any broken essential field is refused whole. */
export function socialSecurityIdentity(fields: SocialSecurityFields, today: string): CardResult<CardIdentity> {
  const checked = checkCitizenId(fields.certno);
  if (!checked.ok) return err({ code: checked.error.code, message: `卡内社会保障号码有误：${checked.error.message}` });
  const certno = checked.value;
  const facts = citizenIdFacts(certno);
  const region = fields.region ?? fields.cardSn.slice(0, 6);
  if (!/^\d{6}$/.test(region)) return invalid(`发卡地区代码 ${region}`);
  if (!/^[0-9A-F]+$/.test(fields.cardSn)) return invalid(`卡识别码 ${fields.cardSn}`);
  if (fields.cardNo.length === 0) return invalid('卡号为空');
  if (fields.name.length === 0) return invalid('姓名为空');
  const validFrom = compactDateToIso(fields.issueDate);
  const validTo = compactDateToIso(fields.expiry);
  if (validFrom === null) return invalid(`发卡日期 ${fields.issueDate}`);
  if (validTo === null) return invalid(`卡有效期 ${fields.expiry}`);
  let sex = facts.sex;
  if (fields.sex !== undefined) {
    if (fields.sex !== '1' && fields.sex !== '2') return invalid(`性别 ${fields.sex}`);
    sex = fields.sex === '1' ? 'male' : 'female';
  }
  let birthDate = facts.birthDate;
  if (fields.birthDate !== undefined) {
    const iso = compactDateToIso(fields.birthDate);
    if (iso === null) return invalid(`出生日期 ${fields.birthDate}`);
    birthDate = iso;
  }
  return ok({
    ...baseIdentity('social-security-card', '03', fields.cardNo),
    certno,
    name: fields.name,
    sex,
    birthDate,
    ethnicity: fields.ethnicity !== undefined && /^\d{2}$/.test(fields.ethnicity) ? fields.ethnicity : null,
    region,
    cardNo: fields.cardNo,
    cardSn: fields.cardSn,
    validFrom,
    validTo,
    expired: isExpired(validTo, today),
    socialSecurityCard: {
      cardType: fields.cardType,
      specVersion: fields.specVersion,
      initOrg: fields.initOrg,
      birthplace: fields.birthplace ?? null,
      atr: fields.atr,
    },
  });
}
