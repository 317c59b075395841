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

const segment = z.object({ upTo: num.nullable().optional(), ratio, ref }).strict();

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
    /** Visits 大病 pays on. */
    visits: visitList,
    /** Visits whose 政策范围内个人自付 (copay1) accumulates toward the year's 大病 deductible and segments (ytd.catastrophicBase). */
    accumulatingVisits: visitList,
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
    for (const visit of c.visits.value) {
      if (!c.accumulatingVisits.value.includes(visit)) {
        ctx.addIssue({ code: 'custom', path: ['accumulatingVisits'], message: `大病保险支付的就诊类型 ${visit} 须计入大病累计（accumulatingVisits）` });
      }
    }
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

const level = z.union([z.literal(1), z.literal(2), z.literal(3)]);

/**
 * Fourth-layer building blocks (§4.4): a policy version selects the ones its region has and gives
 * their numbers. No block knows which region uses it.
 */

/** A supplementary insurance on what the three layers leave (and, from a hospital level on, out-of-catalogue costs). */
const supplementaryInsurance = z
  .object({
    ratio: ratioParam,
    identities: identityList,
    conditions: param(z.array(z.enum(CONDITIONS))),
    /** Part (2), costs outside the catalogue (个人自费), needs a hospital of this level; part (1) is paid at any level. */
    selfPaidMinLevel: param(level),
    visits: visitList,
    /** Specific drugs bought at a pharmacy on a prescription from a hospital of at least `specificDrugMinLevel`. */
    specificDrugRatio: ratioParam,
    specificDrugMinLevel: param(level),
  })
  .strict();

/** A poverty fund: a split of the remainder and of self-paid costs with the hospital, waivers, purchase prices, a review threshold. */
const povertyFund = z
  .object({
    identities: identityList,
    /** The person must show the region's certificate (就医证) whose number matches the registration. */
    requiresCertificate: param(z.boolean()),
    visits: visitList,
    excludedReferrals: param(z.array(z.enum(REFERRALS))),
    copayShare: ratioParam,
    selfPaidFundShare: ratioParam,
    /** 个人自费 above this needs an expert review before the fund pays (chronic outpatients: the month's sum). */
    reviewThreshold: amountParam,
    waivedKinds: param(z.array(z.enum(LINE_KINDS))),
    /** 药品费用按药品进价支付: lines of these kinds settle at their `purchasePrice`. */
    purchasePriceKinds: param(z.array(z.enum(LINE_KINDS))),
  })
  .strict();

/** A pharmacy discount on every line for the people named, borne by the pharmacy (药店让利). */
const pharmacyDiscount = z
  .object({
    identities: identityList,
    requiresCertificate: param(z.boolean()),
    priceFactor: ratioParam,
  })
  .strict();

const fourthLayer = z
  .object({
    supplementaryInsurance: supplementaryInsurance.nullable().default(null),
    povertyFund: povertyFund.nullable().default(null),
    pharmacyDiscount: pharmacyDiscount.nullable().default(null),
  })
  .strict()
  .superRefine((f, ctx) => {
    // The rule book orders no supplementary insurance against a poverty fund, so one version has at most one.
    if (f.supplementaryInsurance && f.povertyFund) {
      ctx.addIssue({ code: 'custom', message: '同一政策版本不能同时设补充保险和扶贫资金（规则书未规定两者的先后）' });
    }
  });

export const insuranceParamsSchema = z
  .object({
    basic: basicParams,
    catastrophic: catastrophicParams,
    assistance: assistanceParams,
    fourthLayer: fourthLayer.nullable(),
    flags: z
      .object({
        monitoringThreshold: nullableAmountParam,
        charityThreshold: nullableAmountParam,
        /** Who a charity referral is for: a patient holding one of these whose cash is above `charityThreshold`. */
        charityIdentities: identityList,
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

export const identityCodeSchema = z.object({ code: z.union([z.string(), z.number()]).transform(String), identity: z.enum(IDENTITIES), label: z.string() }).strict();

/** A bureau psn_idet_type (1101 idetinfo) with the engine identity it stands for and where that reading comes from. */
export const psnIdetTypeSchema = z
  .object({ code: z.union([z.string(), z.number()]).transform(String), identity: z.enum(IDENTITIES), label: z.string(), ref: z.string() })
  .strict();

/**
 * The regional reports a policy file declares (§4.4): which kinds the region's offices ask for,
 * their title, and optionally which columns (by key, in order) each table keeps.
 */
export const REPORT_KINDS = ['poverty-fund', 'monitoring', 'charity-referrals'] as const;
export type RegionalReportKind = (typeof REPORT_KINDS)[number];

/** The column keys each regional report kind can show (its builder's columns). */
export const REPORT_COLUMNS: Record<RegionalReportKind, readonly string[]> = {
  'poverty-fund': [
    'id',
    'businessDay',
    'committedAt',
    'name',
    'certno',
    'visit',
    'selfPaid',
    'povertyFund',
    'hospitalShare',
    'assistance',
    'assistanceAdvanced',
    'total',
  ],
  monitoring: ['name', 'certno', 'identity', 'firstAlert', 'annualBurden', 'alerts', 'lastSettlement'],
  'charity-referrals': ['id', 'businessDay', 'name', 'certno', 'visit', 'conditions', 'total', 'patientCash'],
};

export const regionalReportSchema = z
  .object({
    kind: z.enum(REPORT_KINDS),
    title: z.string().min(1),
    columns: z.array(z.string()).min(1).optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    for (const [i, key] of (r.columns ?? []).entries()) {
      if (!REPORT_COLUMNS[r.kind].includes(key)) {
        ctx.addIssue({ code: 'custom', path: ['columns', i], message: `报表 ${r.kind} 没有列 ${key}（可用：${REPORT_COLUMNS[r.kind].join('、')}）` });
      }
    }
  });

export const certificateRuleSchema = z.object({ identities: identityList, treatment: z.string().min(1) }).strict();

/** national.yaml: the identity-code tables every region shares. */
export const nationalFileSchema = z
  .object({
    identityCodes: z.array(identityCodeSchema),
    psnIdetTypes: z.array(psnIdetTypeSchema),
  })
  .strict();

export const policyFileSchema = z
  .object({
    region: z.string().regex(/^CN(-[A-Z]{2,4})+$/, '统筹区编号格式应如 CN-省-市（大写字母）'),
    name: z.string(),
    admdvs: z
      .string()
      .regex(/^\d{6}$/)
      .optional(),
    /** The region's additions to national.yaml's roster 身份类别 codes (a medical-assistance export). */
    identityCodes: z.array(identityCodeSchema).default([]),
    /** The region's additions to national.yaml's bureau psn_idet_type codes (national-platform.md §17.7). */
    psnIdetTypes: z.array(psnIdetTypeSchema).default([]),
    reports: z.array(regionalReportSchema).default([]),
    /**
     * The region's 就医证 (shown with the card): who must have its number on record before a treatment
     * for them applies (eligibility asks for it; offline, the roster's number is kept only for them),
     * and that treatment's name in the cashier's notice. Null: the region has none.
     */
    certificate: certificateRuleSchema.nullable().default(null),
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
export type NationalFile = z.output<typeof nationalFileSchema>;
export type RegionalReport = z.output<typeof regionalReportSchema>;
export type CertificateRule = z.output<typeof certificateRuleSchema>;
export type FourthLayerParams = NonNullable<InsuranceParams['fourthLayer']>;
export type SupplementaryInsuranceParams = NonNullable<FourthLayerParams['supplementaryInsurance']>;
export type PovertyFundParams = NonNullable<FourthLayerParams['povertyFund']>;
export type PharmacyDiscountParams = NonNullable<FourthLayerParams['pharmacyDiscount']>;
