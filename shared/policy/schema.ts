import { z } from 'zod';
import { CONDITIONS, IDENTITIES, LINE_KINDS, REFERRALS, VISITS } from '../vocabulary';

/**
 * Policy parameter files (resources/policies/<region>.yaml), OpenFisca style: every parameter
 * is a leaf `{ value, ref }` where `ref` names the seed clause it comes from
 * (`seed: 002 §二(二)3`), says it is a pooling region's reference default (`local-default`),
 * or names the site file that overrode it (`site: <file>`).
 */

/** `local-default (seed: NNN …)` is a local reference value whose figure the seed only motivates. */
const REF_PATTERN = /^(seed: \d{3}( .+)?|local-default( \(seed: \d{3} .+\))?|site: .+)$/;
const ref = z.string().regex(REF_PATTERN, 'ref 必须是 "seed: NNN §…"、"local-default"、"local-default (seed: NNN §…)" 或 "site: <文件>"');

const num = z.union([z.number(), z.string()]).transform((raw, ctx) => {
  const text = String(raw).trim();
  if (!/^\d+(\.\d+)?$/.test(text)) {
    ctx.addIssue({ code: 'custom', message: `不是非负数：${String(raw)}` });
    return z.NEVER;
  }
  return text;
});
const ratio = num.refine((v) => Number(v) <= 1, '比例必须在 0 到 1 之间');

function param<T extends z.ZodType>(value: T) {
  return z.object({ value, ref }).strict();
}

export const amountParam = param(num);
export const ratioParam = param(ratio);
const nullableAmountParam = param(num.nullable());
const levelParam = <T extends z.ZodType>(inner: T) => z.object({ 1: inner, 2: inner, 3: inner }).strict();
const identityList = param(z.array(z.enum(IDENTITIES)));
const visitList = param(z.array(z.enum(VISITS)));

const segment = z
  .object({ upTo: num.nullable().optional(), ratio, ref })
  .strict();

const basicParams = z
  .object({
    inpatient: z.object({ deductible: levelParam(amountParam), ratio: levelParam(ratioParam) }).strict(),
    'chronic-outpatient': z.object({ deductible: amountParam, ratio: ratioParam }).strict(),
    outpatient: z.object({ ratio: ratioParam }).strict(),
    pharmacy: z.object({ ratio: ratioParam }).strict(),
    annualCap: amountParam,
    /** Identities whose 起付线 counts continuously along a referral chain (连续计算). */
    continuousDeductibleIdentities: identityList,
  })
  .strict();

const catastrophicParams = z
  .object({
    visits: visitList,
    /** Either a fixed deductible, or a share of the prior-year disposable income. */
    deductible: amountParam.optional(),
    deductibleFromIncome: z.object({ priorYearIncome: amountParam, share: ratioParam }).strict().optional(),
    segments: z.array(segment).min(1),
    annualCap: nullableAmountParam,
    tilt: z
      .object({
        identities: identityList,
        deductibleFactor: ratioParam,
        ratioAdd: ratioParam,
        removeCap: param(z.boolean()),
      })
      .strict()
      .nullable(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (!c.deductible === !c.deductibleFromIncome) {
      ctx.addIssue({ code: 'custom', message: '大病保险须给出 deductible 或 deductibleFromIncome 之一' });
    }
    c.segments.forEach((s, i) => {
      const last = i === c.segments.length - 1;
      if (last !== (s.upTo === undefined || s.upTo === null)) {
        ctx.addIssue({ code: 'custom', path: ['segments', i], message: '只有最后一段可以没有 upTo' });
      }
    });
  });

const assistanceParams = z
  .object({
    visits: visitList,
    ratios: z.partialRecord(z.enum(IDENTITIES), ratioParam),
    annualLimit: amountParam,
  })
  .strict();

const liaoningSupplementary = z
  .object({
    kind: z.literal('liaoning-supplementary'),
    ratio: ratioParam,
    identities: identityList,
    conditions: param(z.array(z.enum(CONDITIONS))),
    /** Part (2), costs outside the catalogue (个人自费), needs a hospital of this level; part (1) is paid at any level. */
    selfPaidMinLevel: param(z.union([z.literal(1), z.literal(2), z.literal(3)])),
    visits: visitList,
    specificDrugRatio: ratioParam,
    specificDrugMinLevel: param(z.union([z.literal(1), z.literal(2), z.literal(3)])),
  })
  .strict();

const jiangmenPovertyFund = z
  .object({
    kind: z.literal('jiangmen-poverty-fund'),
    identities: identityList,
    visits: visitList,
    excludedReferrals: param(z.array(z.enum(REFERRALS))),
    copayShare: ratioParam,
    selfPaidFundShare: ratioParam,
    reviewThreshold: amountParam,
    waivedKinds: param(z.array(z.enum(LINE_KINDS))),
    /** 药品费用按药品进价支付: lines of these kinds settle at their `purchasePrice`. */
    purchasePriceKinds: param(z.array(z.enum(LINE_KINDS))),
    pharmacyPriceFactor: ratioParam,
  })
  .strict();

export const insuranceParamsSchema = z
  .object({
    basic: basicParams,
    catastrophic: catastrophicParams,
    assistance: assistanceParams,
    fourthLayer: z.discriminatedUnion('kind', [liaoningSupplementary, jiangmenPovertyFund]).nullable(),
    flags: z
      .object({
        monitoringThreshold: nullableAmountParam,
        charityThreshold: nullableAmountParam,
        deferredPayment: z
          .object({ levels: param(z.array(z.union([z.literal(1), z.literal(2), z.literal(3)]))) })
          .strict()
          .nullable(),
      })
      .strict(),
  })
  .strict();

export const versionParamsSchema = z
  .object({
    insurance: z.record(z.string(), insuranceParamsSchema),
  })
  .strict();

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

/** A version as written in the file: full `params`, or `extends` an earlier version and `set`s paths. */
export const versionFileSchema = z
  .object({
    id: isoDate,
    from: isoDate,
    to: isoDate.nullable(),
    seeds: z.array(z.string()).default([]),
    note: z.string().optional(),
    extends: isoDate.optional(),
    params: z.unknown().optional(),
    set: z.record(z.string(), z.unknown()).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (!v.params === !v.extends) ctx.addIssue({ code: 'custom', message: '版本须给出 params 或 extends 之一' });
    if (v.to !== null && v.to < v.from) ctx.addIssue({ code: 'custom', path: ['to'], message: '结束日期早于开始日期' });
  });

export const identityCodeSchema = z
  .object({ code: z.union([z.string(), z.number()]).transform(String), identity: z.enum(IDENTITIES), label: z.string() })
  .strict();

/** A bureau psn_idet_type (1101 idetinfo) with the engine identity it stands for and where that reading comes from. */
export const psnIdetTypeSchema = z
  .object({ code: z.union([z.string(), z.number()]).transform(String), identity: z.enum(IDENTITIES), label: z.string(), ref: z.string() })
  .strict();

export const policyFileSchema = z
  .object({
    region: z.string().regex(/^CN(-[A-Z]{2,3})+$/, '统筹区编号格式应如 CN-GZ'),
    name: z.string(),
    admdvs: z.string().regex(/^\d{6}$/).optional(),
    /** The local roster's 身份类别 codes (a medical-assistance export). */
    identityCodes: z.array(identityCodeSchema),
    /** The bureau's psn_idet_type codes (national-platform.md §17.7), per region. */
    psnIdetTypes: z.array(psnIdetTypeSchema).default([]),
    versions: z.array(versionFileSchema).min(1),
  })
  .strict();

/** A site's own file: overrides named parameters of named versions without editing ours. */
export const siteOverrideFileSchema = z
  .object({
    region: z.string(),
    overrides: z.array(z.object({ version: isoDate, set: z.record(z.string(), z.unknown()) }).strict()),
  })
  .strict();

export type Param<T> = { value: T; ref: string };
export type InsuranceParams = z.output<typeof insuranceParamsSchema>;
export type VersionParams = z.output<typeof versionParamsSchema>;
export type PolicyFile = z.output<typeof policyFileSchema>;
export type VersionFile = z.output<typeof versionFileSchema>;
export type SiteOverrideFile = z.output<typeof siteOverrideFileSchema>;
export type IdentityCode = z.output<typeof identityCodeSchema>;
export type PsnIdetType = z.output<typeof psnIdetTypeSchema>;
export type FourthLayerParams = NonNullable<InsuranceParams['fourthLayer']>;
