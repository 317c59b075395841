import { type Decimal, ZERO, clampZero, dec, min, roundFen } from '../../money';
import type { Param } from '../../policy';
import type { ClassifiedBill } from '../bill';
import { type SettleContext, holdsAny } from '../context';
import type { TraceNote, TraceStep } from '../trace-schema';
import { money, note, step, traceParam } from '../trace';

export interface BasicOutcome {
  basic: Decimal;
  /** 政策范围内个人自付: the base of layers 2 and 3. */
  copay1: Decimal;
  trace: TraceStep;
}

function visitParams(ctx: SettleContext): { deductible: Param<string> | null; ratio: Param<string> } {
  const basic = ctx.params.basic;
  const level = ctx.input.hospital.level;
  switch (ctx.input.visit) {
    case 'inpatient':
      return { deductible: basic.inpatient.deductible[level], ratio: basic.inpatient.ratio[level] };
    case 'chronic-outpatient':
      return { deductible: basic['chronic-outpatient'].deductible, ratio: basic['chronic-outpatient'].ratio };
    case 'outpatient':
      return { deductible: null, ratio: basic.outpatient.ratio };
    case 'pharmacy':
      return { deductible: null, ratio: basic.pharmacy.ratio };
  }
}

/** §4.1 基本医保统筹基金. */
export function settleBasic(ctx: SettleContext, bill: ClassifiedBill): BasicOutcome {
  const { input, params } = ctx;
  const { deductible, ratio } = visitParams(ctx);
  const continuous = input.hospital.referral === 'referred' && holdsAny(input, params.basic.continuousDeductibleIdentities.value);
  const fullDeductible = deductible ? dec(deductible.value) : ZERO;
  const deductibleDue = clampZero(fullDeductible.minus(continuous ? input.ytd.chainDeductiblePaid : ZERO));
  const applied = min(bill.inscope, deductibleDue);
  const computed = roundFen(bill.inscope.minus(applied).times(ratio.value));
  const capRemaining = clampZero(dec(params.basic.annualCap.value).minus(input.ytd.basicPaid));
  const basic = min(computed, capRemaining);
  const copay1 = bill.preselfpay.plus(bill.inscope).minus(basic);

  const traceParams = [traceParam('basic.ratio', ratio), traceParam('basic.annualCap', params.basic.annualCap)];
  if (deductible) traceParams.unshift(traceParam('basic.deductible', deductible));
  const notes: TraceNote[] = [];
  if (continuous) {
    traceParams.push(traceParam('basic.continuousIdentities', params.basic.continuousDeductibleIdentities));
    notes.push(note('basic.continuousDeductible', { paid: money(dec(input.ytd.chainDeductiblePaid)), due: money(deductibleDue) }));
  }
  return {
    basic,
    copay1,
    trace: step({
      step: 'basic.pool',
      layer: 'basic',
      applies: true,
      data: { visit: input.visit, level: input.hospital.level, deductibleDue: deductible ? money(deductibleDue) : null, ratio: ratio.value },
      base: bill.inscope,
      amount: basic,
      params: traceParams,
      limits: [
        { key: 'basic.deductibleApplied', value: applied, hit: applied.greaterThan(0) },
        { key: 'basic.capRemaining', value: capRemaining, hit: computed.greaterThan(capRemaining) },
      ],
      notes,
    }),
  };
}
