import { type Decimal, ZERO, dec, roundFen } from '../../money';
import type { ClassifiedBill } from '../bill';
import type { SettleContext } from '../context';
import type { SupplementaryInsuranceParams } from '../../policy';
import type { RegionalPlan } from '../regional-plan';
import type { TraceStep } from '../schema';
import { notApplicable, percent, step, traceParam } from '../trace';

export interface FourthLayerOutcome {
  supplementary: Decimal;
  povertyFund: Decimal;
  /** The hospital's part of the 80/20 split of self-paid costs (waived lines are counted elsewhere). */
  hospitalSplit: Decimal;
  reviewRequired: boolean;
  /** True where the assistance payment is advanced by the poverty fund. */
  assistanceAdvanced: boolean;
  trace: TraceStep;
}

const NONE: Omit<FourthLayerOutcome, 'trace'> = {
  supplementary: ZERO,
  povertyFund: ZERO,
  hospitalSplit: ZERO,
  reviewRequired: false,
  assistanceAdvanced: false,
};

/** §4.4 the regional fourth layer: the block of the version in force that applies to this bill. */
export function settleFourthLayer(ctx: SettleContext, plan: RegionalPlan, bill: ClassifiedBill, copay3: Decimal): FourthLayerOutcome {
  if (plan.supplementary?.at === 'hospital') return supplementaryOnRemainder(ctx, plan.supplementary.params, bill, copay3);
  if (plan.supplementary?.at === 'pharmacy') return supplementaryOnSpecificDrugs(plan.supplementary.params, bill);
  if (plan.povertyFund) return povertyFund(ctx, plan, plan.povertyFund, bill, copay3);
  return { ...NONE, trace: notApplicable('fourth-layer', '第四重保障', ctx.params.fourthLayer ? '不符合条件' : '本版本政策未设') };
}

function supplementaryOnRemainder(ctx: SettleContext, p: SupplementaryInsuranceParams, bill: ClassifiedBill, copay3: Decimal): FourthLayerOutcome {
  const withSelfPaid = ctx.input.hospital.level >= p.selfPaidMinLevel.value;
  const base = withSelfPaid ? copay3.plus(bill.selfPaid) : copay3;
  const supplementary = roundFen(base.times(p.ratio.value));
  const notes = withSelfPaid ? [] : [`目录外费用 ${bill.selfPaid.toFixed(2)} 限县级及以上医院补偿，本院级别 ${ctx.input.hospital.level}`];
  return {
    ...NONE,
    supplementary,
    trace: step({
      layer: 'supplementary',
      title: '补充保险',
      applies: true,
      summary: withSelfPaid
        ? `补充保险：（政策范围内自付 ${copay3.toFixed(2)} + 目录外 ${bill.selfPaid.toFixed(2)}）× ${percent(p.ratio.value)}`
        : `补充保险：政策范围内自付 ${copay3.toFixed(2)} × ${percent(p.ratio.value)}`,
      base,
      amount: supplementary,
      params: [
        traceParam('补偿比例', p.ratio),
        traceParam('适用人群', p.identities),
        traceParam('适用病种', p.conditions),
        traceParam('目录外费用最低医院级别', p.selfPaidMinLevel),
      ],
      notes,
    }),
  };
}

function supplementaryOnSpecificDrugs(p: SupplementaryInsuranceParams, bill: ClassifiedBill): FourthLayerOutcome {
  const supplementary = roundFen(bill.specificDrugs.times(p.specificDrugRatio.value));
  return {
    ...NONE,
    supplementary,
    trace: step({
      layer: 'supplementary',
      title: '补充保险',
      applies: bill.specificDrugs.greaterThan(0),
      summary: bill.specificDrugs.greaterThan(0)
        ? `补充保险：特殊药品 ${bill.specificDrugs.toFixed(2)} × ${percent(p.specificDrugRatio.value)}`
        : '补充保险：不适用（无二级及以上医院处方的特殊药品）',
      base: bill.specificDrugs,
      amount: supplementary,
      params: [traceParam('特殊药品补偿比例', p.specificDrugRatio), traceParam('处方医院最低级别', p.specificDrugMinLevel)],
    }),
  };
}

function povertyFund(
  ctx: SettleContext,
  plan: RegionalPlan,
  { params: p, fund }: NonNullable<RegionalPlan['povertyFund']>,
  bill: ClassifiedBill,
  copay3: Decimal,
): FourthLayerOutcome {
  if (!fund) {
    const reason =
      ctx.input.visit === 'pharmacy' && plan.pharmacyDiscount
        ? '药店购药只享受折价'
        : p.excludedReferrals.value.includes(ctx.input.hospital.referral)
          ? '未按规定转诊'
          : '本就诊类型不适用';
    return { ...NONE, trace: notApplicable('poverty-fund', '精准扶贫资金', reason) };
  }
  // After an expert review only the part found reasonable is split 80/20; the patient pays the rest.
  const review = ctx.input.review;
  const disallowed = review ? dec(review.disallowed) : ZERO;
  const reasonable = bill.selfPaid.minus(disallowed);
  const selfPaidFund = roundFen(reasonable.times(p.selfPaidFundShare.value));
  const copayFund = roundFen(copay3.times(p.copayShare.value));
  const povertyFund = copayFund.plus(selfPaidFund);
  const hospitalSplit = reasonable.minus(selfPaidFund);
  const reviewBase = ctx.input.visit === 'chronic-outpatient' ? dec(ctx.input.ytd.monthSelfPaid).plus(bill.selfPaid) : bill.selfPaid;
  const overThreshold = reviewBase.greaterThan(p.reviewThreshold.value);
  const reviewRequired = overThreshold && !review;
  const notes = ['医疗救助部分先由精准扶贫资金垫付，再与民政部门结算'];
  if (reviewRequired) notes.push(`个人自费 ${reviewBase.toFixed(2)} 超过 ${dec(p.reviewThreshold.value).toFixed(2)}，须专家审核`);
  if (review) {
    notes.push(
      disallowed.isZero()
        ? '专家审核已完成：个人自费全部认定为合理、必要'
        : `专家审核已完成：不合理、不必要费用 ${disallowed.toFixed(2)} 由个人支付，其余 ${reasonable.toFixed(2)} 按比例分担`,
    );
  }
  return {
    ...NONE,
    povertyFund,
    hospitalSplit,
    reviewRequired,
    assistanceAdvanced: true,
    trace: step({
      layer: 'poverty-fund',
      title: '精准扶贫资金',
      applies: true,
      summary: `精准扶贫资金：范围内自付 ${percent(p.copayShare.value)} + 自费 ${percent(p.selfPaidFundShare.value)}；医院承担自费 ${hospitalSplit.toFixed(2)}`,
      base: copay3.plus(bill.selfPaid),
      amount: povertyFund,
      params: [traceParam('范围内个人自付承担比例', p.copayShare), traceParam('个人自费资金承担比例', p.selfPaidFundShare), traceParam('专家审核线', p.reviewThreshold)],
      limits: [{ name: '专家审核线', value: dec(p.reviewThreshold.value), bit: overThreshold }],
      notes,
    }),
  };
}
