import { baseIdentity, cardError, checkCitizenId, citizenIdFacts, compactDateToIso, err, isExpired, ok, type CardIdentity, type CardResult } from '../../../shared/card';

/**
 * The read-base-info answer after SW (spec §3): text length (2, BE), photo length (2, BE), the
 * text (UCS-2LE, space-padded fields), the photo (not decoded).
 * Readings chosen: a valid-to of 长期 means no expiry; sex codes other than 1/2 fall back to the
 * ID number; the region is the ID number's first 6 digits.
 */
const FIELDS = [
  ['name', 15],
  ['sex', 1],
  ['nation', 2],
  ['birthDate', 8],
  ['address', 35],
  ['certno', 18],
  ['issuer', 15],
  ['validFrom', 8],
  ['validTo', 8],
] as const;

type FieldName = (typeof FIELDS)[number][0];

const TEXT_CHARS = FIELDS.reduce((sum, [, chars]) => sum + chars, 0);

export function parseBaseInfoText(text: string): Record<FieldName, string> {
  const fields = {} as Record<FieldName, string>;
  let at = 0;
  for (const [name, chars] of FIELDS) {
    fields[name] = text
      .slice(at, at + chars)
      .replace(/[\s\0]+$/u, '')
      .trim();
    at += chars;
  }
  return fields;
}

export function identityFromBaseInfo(data: Buffer, today: string): CardResult<CardIdentity> {
  const invalid = (detail: string): CardResult<never> => err(cardError('card-data-invalid', detail));
  if (data.length < 4) return invalid('身份证信息长度不足');
  const textLength = data.readUInt16BE(0);
  const photoLength = data.readUInt16BE(2);
  if (textLength < TEXT_CHARS * 2 || 4 + textLength + photoLength > data.length) return invalid('身份证信息长度不符');
  const fields = parseBaseInfoText(data.subarray(4, 4 + textLength).toString('utf16le'));
  const checked = checkCitizenId(fields.certno);
  if (!checked.ok) return err({ code: checked.error.code, message: `身份证号码有误：${checked.error.message}` });
  const certno = checked.value;
  const facts = citizenIdFacts(certno);
  if (fields.name.length === 0) return invalid('姓名为空');
  const birthDate = compactDateToIso(fields.birthDate);
  const validFrom = compactDateToIso(fields.validFrom);
  const validTo = fields.validTo === '长期' ? null : compactDateToIso(fields.validTo);
  if (birthDate === null) return invalid(`出生日期 ${fields.birthDate}`);
  if (validFrom === null) return invalid(`有效期起始 ${fields.validFrom}`);
  if (validTo === null && fields.validTo !== '长期') return invalid(`有效期截止 ${fields.validTo}`);
  const sex = fields.sex === '1' ? 'male' : fields.sex === '2' ? 'female' : facts.sex;
  return ok({
    ...baseIdentity('id-card', '02', certno),
    certno,
    name: fields.name,
    sex,
    birthDate,
    ethnicity: /^\d{2}$/.test(fields.nation) ? fields.nation : null,
    region: facts.region,
    validFrom,
    validTo,
    expired: isExpired(validTo, today),
    idCard: { address: fields.address, issuer: fields.issuer },
  });
}
