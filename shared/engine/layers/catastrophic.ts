import { type Decimal, ZERO, clampZero, dec, max, min, roundFen } from '../../money';
import { type SettleContext, holdsAny } from '../context';
import type { TraceParam, TraceStep } from '../trace-schema';
import { money, note, notApplicable, step, traceParam } from '../trace';

export interface CatastrophicOutcome {
  catastrophic: Decimal;
  trace: TraceStep;
}

/** What this bill adds to the year's 大病 base (ytd.catastrophicBase): its copay1 where the policy counts the visit, else 0. */
export function catastrophicBaseOf(ctx: SettleContext, copay1: Decimal): Decimal {
  return ctx.params.catastrophic.accumulatingVisits.value.includes(ctx.input.visit) ? copay1 : ZERO;
}

/**
 * §4.2 大病保险: marginal segments over the year's cumulative in-policy co-pay, measured from
 * the annual deductible D. Segment bounds (`upTo`) are amounts above D.
 */
export function settleCatastrophic(ctx: SettleContext, copay1: Decimal): CatastrophicOutcome {
  const { input, params } = ctx;
  const cat = params.catastrophic;
  if (!cat.visits.value.includes(input.visit)) {
    return { catastrophic: ZERO, trace: notApplicable('catastrophic.notApplicable', 'catastrophic', 'visit') };
  }
  const tilt = cat.tilt && holdsAny(input, cat.tilt.identities.value) ? cat.tilt : null;
  const traceParams: TraceParam[] = [];
  let deductible: Decimal;
  if (cat.deductible) {
    deductible = dec(cat.deductible.value);
    traceParams.push(traceParam('catastrophic.deductible', cat.deductible));
  } else {
    const fromIncome = cat.deductibleFromIncome!;
    deductible = roundFen(dec(fromIncome.priorYearIncome.value).times(fromIncome.share.value));
    traceParams.push(traceParam('catastrophic.priorYearIncome', fromIncome.priorYearIncome), traceParam('catastrophic.incomeShare', fromIncome.share));
  }
  const ratioAdd = tilt ? dec(tilt.ratioAdd.value) : ZERO;
  if (tilt) {
    deductible = roundFen(deductible.times(tilt.deductibleFactor.value));
    traceParams.push(
      traceParam('catastrophic.tiltIdentities', tilt.identities),
      traceParam('catastrophic.tiltDeductibleFactor', tilt.deductibleFactor),
      traceParam('catastrophic.tiltRatioAdd', tilt.ratioAdd),
      traceParam('catastrophic.tiltRemoveCap', tilt.removeCap),
    );
  }

  const start = dec(input.ytd.catastrophicBase);
  const end = start.plus(copay1);
  let raw = ZERO;
  let lower = deductible;
  const ratiosUsed: string[] = [];
  for (const segment of cat.segments) {
    const upper = segment.upTo === undefined || segment.upTo === null ? null : deductible.plus(segment.upTo);
    const from = max(start, lower);
    const to = upper === null ? end : min(end, upper);
    const ratio = dec(segment.ratio).plus(ratioAdd);
    traceParams.push({
      key: 'catastrophic.segment',
      value: ratio.toString(),
      source: segment.ref,
      data: upper === null ? { from: lower.minus(deductible).toFixed(0) } : { upTo: String(segment.upTo) },
    });
    if (to.greaterThan(from)) {
      raw = raw.plus(to.minus(from).times(ratio));
      ratiosUsed.push(ratio.toString());
    }
    if (upper === null) break;
    lower = upper;
  }
  const computed = roundFen(raw);
  const capped = cat.annualCap.value !== null && !(tilt && tilt.removeCap.value);
  const capRemaining = capped ? clampZero(dec(cat.annualCap.value!).minus(input.ytd.catastrophicPaid)) : null;
  const catastrophic = capRemaining ? min(computed, capRemaining) : computed;
  traceParams.push(traceParam('catastrophic.annualCap', cat.annualCap));

  const tiltHolder = tilt ? input.person.identities.find((id) => tilt.identities.value.includes(id)) : undefined;
  const reached = end.greaterThan(deductible);
  return {
    catastrophic,
    trace: step({
      step: 'catastrophic.band',
      layer: 'catastrophic',
      applies: true,
      data: {
        reached,
        deductible: money(deductible),
        cumulative: money(end),
        ratios: ratiosUsed.length ? ratiosUsed : [dec(cat.segments[0]!.ratio).plus(ratioAdd).toString()],
        tiltIdentity: tilt && tiltHolder ? tiltHolder : null,
        ...(tilt ? { tiltDeductibleFactor: tilt.deductibleFactor.value, tiltRatioAdd: tilt.ratioAdd.value, tiltRemoveCap: tilt.removeCap.value } : {}),
      },
      base: copay1,
      amount: catastrophic,
      params: traceParams,
      limits: [
        { key: 'catastrophic.deductible', value: deductible, hit: !reached || start.lessThan(deductible) },
        ...(capRemaining ? [{ key: 'catastrophic.capRemaining' as const, value: capRemaining, hit: computed.greaterThan(capRemaining) }] : []),
      ],
      notes: [note('catastrophic.cumulative', { from: money(start), to: money(end) }), ...(capped ? [] : [note('catastrophic.uncapped')])],
    }),
  };
}
