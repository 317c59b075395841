import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/**
 * Who is at the counter, whatever identified them. The `mdtrt_cert_*` pair is what the
 * bureau's person query (1101) takes: '01' e-voucher code, '02' ID number, '03' social-security
 * card number. `certno` and `name` are null only for an e-voucher, which the bureau resolves.
 */
export const CardIdentitySchema = z.object({
  source: z.enum(['social-security-card', 'id-card', 'e-voucher', 'typed-id']),
  mdtrt_cert_type: z.enum(['01', '02', '03']),
  mdtrt_cert_no: z.string().min(1),
  certno: z
    .string()
    .regex(/^\d{17}[\dX]$/)
    .nullable(),
  name: z.string().min(1).nullable(),
  sex: z.enum(['male', 'female']).nullable(),
  birthDate: isoDate.nullable(),
  /** GB 3304 ethnicity code, two digits ("01" = 汉). */
  ethnicity: z
    .string()
    .regex(/^\d{2}$/)
    .nullable(),
  /** 6-digit administrative division: the issuing region for a social-security card, else from the ID number. */
  region: z
    .string()
    .regex(/^\d{6}$/)
    .nullable(),
  /** Social-security card number (卡号). */
  cardNo: z.string().nullable(),
  /** Social-security card identifier (卡识别码), 32 hex digits. */
  cardSn: z.string().nullable(),
  /** Issue date of the card (发卡日期 / ID card 签发日期). */
  validFrom: isoDate.nullable(),
  /** Last valid day; null when the document is long-term (长期) or carries no expiry. */
  validTo: isoDate.nullable(),
  /** Read but flagged: the cashier decides. */
  expired: z.boolean(),
  socialSecurityCard: z
    .object({
      cardType: z.string(),
      specVersion: z.string(),
      initOrg: z.string(),
      birthplace: z.string().nullable(),
      atr: z.string(),
    })
    .nullable(),
  idCard: z
    .object({
      address: z.string(),
      issuer: z.string(),
    })
    .nullable(),
});

export type CardIdentity = z.infer<typeof CardIdentitySchema>;
export type CardSource = CardIdentity['source'];

/** The 1101 person-query input fields that a card identity supplies. */
export function personQueryOf(identity: CardIdentity): {
  mdtrt_cert_type: '01' | '02' | '03';
  mdtrt_cert_no: string;
  card_sn: string;
  certno: string;
  psn_cert_type: string;
  psn_name: string;
} {
  return {
    mdtrt_cert_type: identity.mdtrt_cert_type,
    mdtrt_cert_no: identity.mdtrt_cert_no,
    card_sn: identity.cardSn ?? '',
    certno: identity.certno ?? '',
    psn_cert_type: identity.certno ? '01' : '',
    psn_name: identity.name ?? '',
  };
}

/** An identity with only the query pair set; the readers fill in what their source carries. */
export function baseIdentity(source: CardSource, mdtrt_cert_type: CardIdentity['mdtrt_cert_type'], mdtrt_cert_no: string): CardIdentity {
  return {
    source,
    mdtrt_cert_type,
    mdtrt_cert_no,
    certno: null,
    name: null,
    sex: null,
    birthDate: null,
    ethnicity: null,
    region: null,
    cardNo: null,
    cardSn: null,
    validFrom: null,
    validTo: null,
    expired: false,
    socialSecurityCard: null,
    idCard: null,
  };
}
