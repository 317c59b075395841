import { type Decimal, ZERO, clampZero, dec, max, min, roundFen } from '../../money';
import type { TraceParam } from '../schema';
import { type SettleContext, holdsAny } from '../context';
import { IDENTITY_LABELS, type TraceStep } from '../schema';
import { notApplicable, percent, step, traceParam } from '../trace';

export interface CatastrophicOutcome {
  catastrophic: Decimal;
  trace: TraceStep;
}

const TITLE = '大病保险';

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
    return { catastrophic: ZERO, trace: notApplicable('catastrophic', TITLE, '本就诊类型不计入大病保险') };
  }
  const tilt = cat.tilt && holdsAny(input, cat.tilt.identities.value) ? cat.tilt : null;
  const traceParams: TraceParam[] = [];
  let deductible: Decimal;
  if (cat.deductible) {
    deductible = dec(cat.deductible.value);
    traceParams.push(traceParam('起付线', cat.deductible));
  } else {
    const fromIncome = cat.deductibleFromIncome!;
    deductible = roundFen(dec(fromIncome.priorYearIncome.value).times(fromIncome.share.value));
    traceParams.push(traceParam('上年居民人均可支配收入', fromIncome.priorYearIncome), traceParam('起付线占收入比例', fromIncome.share));
  }
  const ratioAdd = tilt ? dec(tilt.ratioAdd.value) : ZERO;
  if (tilt) {
    deductible = roundFen(deductible.times(tilt.deductibleFactor.value));
    traceParams.push(
      traceParam('倾斜人群', tilt.identities),
      traceParam('起付线倾斜系数', tilt.deductibleFactor),
      traceParam('报销比例提高', tilt.ratioAdd),
      traceParam('取消封顶线', tilt.removeCap),
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
      name: upper === null ? `起付线以上 ${lower.minus(deductible).toFixed(0)} 元以上部分比例` : `起付线以上至 ${segment.upTo} 元部分比例`,
      value: ratio.toString(),
      source: segment.ref,
    });
    if (to.greaterThan(from)) {
      raw = raw.plus(to.minus(from).times(ratio));
      ratiosUsed.push(percent(ratio));
    }
    if (upper === null) break;
    lower = upper;
  }
  const computed = roundFen(raw);
  const capped = cat.annualCap.value !== null && !(tilt && tilt.removeCap.value);
  const capRemaining = capped ? clampZero(dec(cat.annualCap.value!).minus(input.ytd.catastrophicPaid)) : null;
  const catastrophic = capRemaining ? min(computed, capRemaining) : computed;
  traceParams.push(traceParam('年度最高支付限额', cat.annualCap));

  const tiltHolder = tilt ? input.person.identities.find((id) => tilt.identities.value.includes(id)) : undefined;
  const tiltText = tilt && tiltHolder ? `（${IDENTITY_LABELS[tiltHolder]}${tiltLabel(tilt.deductibleFactor.value, tilt.ratioAdd.value, tilt.removeCap.value)}）` : '';
  const ratioText = ratiosUsed.length ? ratiosUsed.join('/') : percent(dec(cat.segments[0]!.ratio).plus(ratioAdd));
  const reached = end.greaterThan(deductible);
  return {
    catastrophic,
    trace: step({
      layer: 'catastrophic',
      title: TITLE,
      applies: true,
      summary: reached
        ? `${TITLE}：起付线 ${deductible.toFixed(2)}${tiltText || ' '}以上 ${ratioText}${capRemaining && computed.greaterThan(capRemaining) ? `，封顶（余额 ${capRemaining.toFixed(2)}）` : ''}`
        : `${TITLE}：累计自付 ${end.toFixed(2)} 未达起付线 ${deductible.toFixed(2)}${tiltText}`,
      base: copay1,
      amount: catastrophic,
      params: traceParams,
      limits: [
        { name: '起付线', value: deductible, bit: !reached || start.lessThan(deductible) },
        ...(capRemaining ? [{ name: '年度限额余额', value: capRemaining, bit: computed.greaterThan(capRemaining) }] : []),
      ],
      notes: [`本年累计政策范围内自付：${start.toFixed(2)} → ${end.toFixed(2)}`, ...(capped ? [] : ['不设封顶线'])],
    }),
  };
}

function tiltLabel(factor: string, add: string, removeCap: boolean): string {
  const parts: string[] = [];
  if (dec(factor).equals(0.5)) parts.push('倾斜：起付线减半');
  else if (!dec(factor).equals(1)) parts.push(`倾斜：起付线×${factor}`);
  else parts.push('倾斜：');
  if (dec(add).greaterThan(0)) parts.push(`比例+${percent(add)}`);
  if (removeCap) parts.push('取消封顶');
  return parts.join('，').replace('：，', '：');
}
