import { type Decimal, ZERO, clampZero, dec, min, roundFen } from '../../money';
import type { Param } from '../../policy';
import type { ClassifiedBill } from '../bill';
import { type SettleContext, holdsAny } from '../context';
import type { TraceStep } from '../schema';
import { percent, step, traceParam } from '../trace';

export interface BasicOutcome {
  basic: Decimal;
  /** 政策范围内个人自付: the base of layers 2 and 3. */
  copay1: Decimal;
  trace: TraceStep;
}

const LEVEL_NAMES = { 1: '一级', 2: '二级', 3: '三级' } as const;

function visitParams(ctx: SettleContext): { deductible: Param<string> | null; ratio: Param<string>; label: string } {
  const basic = ctx.params.basic;
  const level = ctx.input.hospital.level;
  switch (ctx.input.visit) {
    case 'inpatient':
      return { deductible: basic.inpatient.deductible[level], ratio: basic.inpatient.ratio[level], label: `住院 ${LEVEL_NAMES[level]}医院` };
    case 'chronic-outpatient':
      return { deductible: basic['chronic-outpatient'].deductible, ratio: basic['chronic-outpatient'].ratio, label: '门诊慢特病' };
    case 'outpatient':
      return { deductible: null, ratio: basic.outpatient.ratio, label: '普通门诊' };
    case 'pharmacy':
      return { deductible: null, ratio: basic.pharmacy.ratio, label: '药店购药' };
  }
}

/** §4.1 基本医保统筹基金. */
export function settleBasic(ctx: SettleContext, bill: ClassifiedBill): BasicOutcome {
  const { input, params } = ctx;
  const { deductible, ratio, label } = visitParams(ctx);
  const continuous = input.hospital.referral === 'referred' && holdsAny(input, params.basic.continuousDeductibleIdentities.value);
  const fullDeductible = deductible ? dec(deductible.value) : ZERO;
  const deductibleDue = clampZero(fullDeductible.minus(continuous ? input.ytd.chainDeductiblePaid : ZERO));
  const applied = min(bill.inscope, deductibleDue);
  const computed = roundFen(bill.inscope.minus(applied).times(ratio.value));
  const capRemaining = clampZero(dec(params.basic.annualCap.value).minus(input.ytd.basicPaid));
  const basic = min(computed, capRemaining);
  const copay1 = bill.preselfpay.plus(bill.inscope).minus(basic);

  const traceParams = [traceParam('报销比例', ratio), traceParam('年度最高支付限额', params.basic.annualCap)];
  if (deductible) traceParams.unshift(traceParam('起付线', deductible));
  const notes: string[] = [];
  if (continuous) {
    traceParams.push(traceParam('起付线连续计算人群', params.basic.continuousDeductibleIdentities));
    notes.push(`转诊起付线连续计算：已付 ${dec(input.ytd.chainDeductiblePaid).toFixed(2)}，本次应付起付线 ${deductibleDue.toFixed(2)}`);
  }
  const deductibleText = deductible ? `起付线 ${deductibleDue.toFixed(2)} 以上 ` : '';
  const capText = computed.greaterThan(capRemaining) ? `，年度限额封顶（余额 ${capRemaining.toFixed(2)}）` : '';
  return {
    basic,
    copay1,
    trace: step({
      layer: 'basic',
      title: '基本医保',
      applies: true,
      summary: `基本医保：${label} ${deductibleText}${percent(ratio.value)}${capText}`,
      base: bill.inscope,
      amount: basic,
      params: traceParams,
      limits: [
        { name: '起付线（本次）', value: applied, bit: applied.greaterThan(0) },
        { name: '年度限额余额', value: capRemaining, bit: computed.greaterThan(capRemaining) },
      ],
      notes,
    }),
  };
}
