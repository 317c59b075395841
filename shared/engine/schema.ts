import { dec } from '../money';
import type { Result } from '../result';
import { isCalendarDate } from '../time';
import { z } from 'zod';
import {
  CONDITIONS,
  IDENTITIES,
  LINE_CLASSES,
  LINE_KINDS,
  REFERRALS,
  VISITS,
  type Condition,
  type Identity,
  type LineClass,
  type Referral,
  type Visit,
} from '../vocabulary';
import { storedTraceStepSchema, traceStepSchema } from './trace-schema';

/**
 * The inputs of one settlement (rule book §2), exactly in the case-file format of §6.
 * This is also the `bill` that travels to the bureau in a 4101 record.
 */

export { CONDITIONS, IDENTITIES, LINE_CLASSES, LINE_KINDS, REFERRALS, VISITS, type Condition, type Identity, type LineClass, type Referral, type Visit };

const MAX_DECIMALS = 4;

/** A non-negative decimal given as a string or a YAML/JSON number; kept as its canonical string. */
export function decimalString(label: string, maxDecimals = MAX_DECIMALS) {
  return z.union([z.string(), z.number()]).transform((raw, ctx) => {
    const text = typeof raw === 'number' ? numberToPlainString(raw) : raw.trim();
    if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text)) {
      ctx.addIssue({ code: 'custom', message: `${label}不是有效数字：${String(raw)}` });
      return z.NEVER;
    }
    if (text.startsWith('-') && !/^-0*(\.0*)?$/.test(text)) {
      ctx.addIssue({ code: 'custom', message: `${label}不能为负数：${text}` });
      return z.NEVER;
    }
    const decimals = text.includes('.') ? text.split('.')[1]!.length : 0;
    if (decimals > maxDecimals) {
      ctx.addIssue({ code: 'custom', message: `${label}最多${maxDecimals}位小数：${text}` });
      return z.NEVER;
    }
    return text.replace(/^[+-]/, '');
  });
}

function numberToPlainString(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const text = String(n);
  // 1e-7 style: expand so the decimal-places check sees the real precision.
  if (/e/i.test(text)) return n.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
  return text;
}

/** Hospital level 1–3; a numeric string ("2", as bureau envelopes carry it) is accepted too. */
const hospitalLevel = (message: string) =>
  z.preprocess((v) => (typeof v === 'string' && /^[123]$/.test(v.trim()) ? Number(v) : v), z.union([z.literal(1), z.literal(2), z.literal(3)], { message }));

const isoDate = z.union([z.string(), z.date()]).transform((raw, ctx) => {
  // A YAML date (2021-03-15 unquoted) arrives as that calendar day at UTC midnight: its UTC date is the day, not an instant.
  // eslint-disable-next-line no-restricted-properties
  const text = raw instanceof Date ? raw.toISOString().slice(0, 10) : raw.trim();
  if (!isCalendarDate(text)) {
    ctx.addIssue({ code: 'custom', message: `日期格式错误（应为 YYYY-MM-DD）：${String(raw)}` });
    return z.NEVER;
  }
  return text;
});

/** §2: a field given as `null` counts as absent (HIS exports write `"priceCap": null`). */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => [k, withoutNulls(v)]),
  );
}

const billLineFieldsSchema = z
  .object({
    code: z.union([z.string(), z.number()]).transform(String),
    name: z.union([z.string(), z.number()]).transform(String).optional(),
    class: z.enum(LINE_CLASSES, { message: '项目类别必须是 A（甲类）、B（乙类）或 C（丙类/目录外）' }),
    price: decimalString('单价'),
    qty: decimalString('数量'),
    selfPayRatio: decimalString('乙类先行自付比例').optional(),
    priceCap: decimalString('限价').optional(),
    kind: z.enum(LINE_KINDS, { message: '费用种类未知' }).optional(),
    excessive: z.enum(['personal', 'hospital'], { message: '过度医疗标记必须是 personal 或 hospital' }).optional(),
    specificDrug: z.boolean().optional(),
    prescribedAtLevel: hospitalLevel('处方医院级别必须是 1、2 或 3').optional(),
    /** 药品进价 (Jiangmen): a qualifying person's drug lines settle at it (§4.4). */
    purchasePrice: decimalString('药品进价').optional(),
  })
  .superRefine((line, ctx) => {
    if (line.purchasePrice !== undefined && dec(line.purchasePrice).greaterThan(line.price)) {
      ctx.addIssue({ code: 'custom', path: ['purchasePrice'], message: `药品进价 ${line.purchasePrice} 高于单价 ${line.price}` });
    }
    if (line.class === 'B') {
      if (line.selfPayRatio === undefined) {
        ctx.addIssue({ code: 'custom', path: ['selfPayRatio'], message: '乙类项目缺少先行自付比例' });
      } else if (Number(line.selfPayRatio) > 1) {
        ctx.addIssue({ code: 'custom', path: ['selfPayRatio'], message: `乙类先行自付比例必须在 0 到 1 之间：${line.selfPayRatio}` });
      }
    }
  });

/** One bill line; also what the HIS import validates, so `null` fields read as absent there too. */
export const billLineSchema = z.preprocess((raw: z.input<typeof billLineFieldsSchema>) => withoutNulls(raw), billLineFieldsSchema);

const ytdAmount = (label: string) => decimalString(label, 2).optional().default('0');

export const ytdSchema = z.object({
  basicPaid: ytdAmount('本年基本医保已支付'),
  catastrophicBase: ytdAmount('本年大病累计自付'),
  catastrophicPaid: ytdAmount('本年大病已支付'),
  assistancePaid: ytdAmount('本年医疗救助已支付'),
  chainDeductiblePaid: ytdAmount('转诊链已付起付线'),
  personalPaid: ytdAmount('本年个人已负担'),
  monthSelfPaid: ytdAmount('本月门诊慢特病个人自费'),
});

const settlementFieldsSchema = z.object({
  name: z.string().optional(),
  /** The HIS bill file's admission context, kept with the settlement for its 4101 list; the engine ignores it. */
  admission: z.record(z.string(), z.unknown()).optional(),
  policy: z.string().min(1, '缺少统筹区（policy）'),
  date: isoDate,
  visit: z.enum(VISITS, { message: '就诊类型未知（应为 inpatient、chronic-outpatient、outpatient、pharmacy）' }),
  hospital: z.object({
    level: hospitalLevel('医院级别必须是 1、2 或 3'),
    referral: z.enum(REFERRALS, { message: '转诊情况未知（应为 local、referred、unreferred）' }).default('local'),
  }),
  person: z.object({
    insurance: z.string().min(1, '缺少险种'),
    identities: z.array(z.enum(IDENTITIES, { message: '人员身份未知' })).default([]),
    conditions: z.array(z.enum(CONDITIONS, { message: '病种类别未知' })).default([]),
    certificate: z.union([z.string(), z.number()]).transform(String).optional(),
  }),
  ytd: ytdSchema.optional().default({
    basicPaid: '0',
    catastrophicBase: '0',
    catastrophicPaid: '0',
    assistancePaid: '0',
    chainDeductiblePaid: '0',
    personalPaid: '0',
    monthSelfPaid: '0',
  }),
  lines: z.array(billLineSchema).min(1, '费用明细为空'),
  /** The outcome of a Jiangmen expert review (§4.4): the part of 个人自费 found not reasonable. */
  review: z.object({ disallowed: decimalString('专家审核不予支付金额', 2) }).optional(),
});

/**
 * A pharmacy sale needs no hospital: nothing at a pharmacy depends on the seller's level or on
 * referral (Liaoning's specific drugs use the prescribing level on the line), so a missing
 * `hospital` there reads as level 1, local. Every other visit must say which hospital.
 */
function withPharmacyHospital(raw: SettlementInputRaw): unknown {
  const fields = raw as unknown;
  if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) return raw;
  if (!('visit' in fields) || fields.visit !== 'pharmacy' || ('hospital' in fields && fields.hospital !== undefined)) return raw;
  return { ...fields, hospital: { level: 1, referral: 'local' } };
}

export const settlementInputSchema = z.preprocess((raw: SettlementInputRaw) => withPharmacyHospital(withoutNulls(raw) as SettlementInputRaw), settlementFieldsSchema);

/** What callers hand to the engine (strings or numbers for amounts); `hospital` may be left out at a pharmacy. */
export type SettlementInputRaw = Omit<z.input<typeof settlementFieldsSchema>, 'hospital'> & {
  hospital?: z.input<typeof settlementFieldsSchema>['hospital'];
};
/** After validation: amounts are canonical decimal strings. */
export type SettlementInput = z.output<typeof settlementInputSchema>;
export type BillLine = z.output<typeof billLineSchema>;
export type Ytd = z.output<typeof ytdSchema>;

/** The bill's sums after classification (rule book §3). */
export const BILL_SUM_FIELDS = ['total', 'ownpay', 'overlimit', 'preselfpay', 'inscope'] as const;
/** The terms that add up to `total` (rule book §1). */
export const PAYER_FIELDS = ['basic', 'catastrophic', 'assistance', 'supplementary', 'povertyFund', 'hospitalShare', 'discount', 'patientCash'] as const;
/** Every amount of a result, in the order of §6. */
export const AMOUNT_FIELDS = [...BILL_SUM_FIELDS, ...PAYER_FIELDS] as const;
export type AmountField = (typeof AMOUNT_FIELDS)[number];

export const FLAG_FIELDS = ['reviewRequired', 'monitoringAlert', 'charityReferral', 'deferredPayment'] as const;
export type FlagField = (typeof FLAG_FIELDS)[number];

const moneyString = z.string().regex(/^-?\d+\.\d{2}$/);

export const settlementResultSchema = z.object({
  policyVersion: z.string(),
  amounts: z.object(Object.fromEntries(AMOUNT_FIELDS.map((f) => [f, moneyString])) as Record<AmountField, typeof moneyString>),
  /** 个人自费 = ownpay + overlimit. */
  selfPaid: moneyString,
  /** The assistance amount advanced by Jiangmen's poverty fund for offset with civil affairs. */
  assistanceAdvanced: moneyString,
  flags: z.object(Object.fromEntries(FLAG_FIELDS.map((f) => [f, z.boolean()])) as Record<FlagField, z.ZodBoolean>),
  /**
   * The intermediates the rest of the app needs, as the engine computed them (no one recomputes
   * them): 政策范围内个人自付 after basic (copay1), after 大病 (copay2), after 救助 (copay3, what the
   * fourth layer sees); what this bill adds to the 大病 year-to-date (catastrophicBase: copay1 where
   * the policy's `catastrophic.accumulatingVisits` counts the visit, else 0); and the policy figure
   * behind the review flag (null where the version has none). Optional only for results stored
   * before they were returned.
   */
  intermediates: z
    .object({ copay1: moneyString, catastrophicBase: moneyString, copay2: moneyString, copay3: moneyString, reviewThreshold: moneyString.nullable() })
    .optional(),
  trace: z.array(traceStepSchema),
});
export type SettlementResult = z.infer<typeof settlementResultSchema>;

/** A result as the ledger gives it back: its trace may be in the old free-text form (trace-schema.ts). */
export const storedSettlementResultSchema = settlementResultSchema.extend({ trace: z.array(storedTraceStepSchema) });
export type StoredSettlementResult = z.infer<typeof storedSettlementResultSchema>;

export const ENGINE_ERROR_CODES = ['invalid-input', 'no-policy', 'unsupported-insurance'] as const;
export type EngineErrorCode = (typeof ENGINE_ERROR_CODES)[number];
export interface EngineError {
  code: EngineErrorCode;
  message: string;
}
export type SettleOutcome = Result<SettlementResult, EngineError>;
