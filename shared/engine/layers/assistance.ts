import { type Decimal, ZERO, clampZero, dec, min, roundFen } from '../../money';
import type { SettleContext } from '../context';
import { IDENTITY_LABELS, type Identity, type TraceStep } from '../schema';
import { notApplicable, percent, step, traceParam } from '../trace';

export interface AssistanceOutcome {
  assistance: Decimal;
  trace: TraceStep;
}

const TITLE = '医疗救助';

/** §4.3 医疗救助: the highest ratio among the identities held (就高, never added up). */
export function settleAssistance(ctx: SettleContext, copay2: Decimal): AssistanceOutcome {
  const { input, params } = ctx;
  const assistance = params.assistance;
  if (!assistance.visits.value.includes(input.visit)) {
    return { assistance: ZERO, trace: notApplicable('assistance', TITLE, '本就诊类型不在救助范围') };
  }
  let best: { identity: Identity; ratio: Decimal } | null = null;
  for (const identity of input.person.identities) {
    const param = assistance.ratios[identity];
    if (!param) continue;
    const ratio = dec(param.value);
    if (!best || ratio.greaterThan(best.ratio)) best = { identity, ratio };
  }
  if (!best) return { assistance: ZERO, trace: notApplicable('assistance', TITLE, '无医疗救助身份') };

  const computed = roundFen(copay2.times(best.ratio));
  const limitRemaining = clampZero(dec(assistance.annualLimit.value).minus(input.ytd.assistancePaid));
  const amount = min(computed, limitRemaining);
  const held = input.person.identities.filter((id) => assistance.ratios[id]);
  return {
    assistance: amount,
    trace: step({
      layer: 'assistance',
      title: TITLE,
      applies: true,
      summary: `${TITLE}：${IDENTITY_LABELS[best.identity]} ${percent(best.ratio)}${computed.greaterThan(limitRemaining) ? `，年度救助限额封顶（余额 ${limitRemaining.toFixed(2)}）` : ''}`,
      base: copay2,
      amount,
      params: [
        traceParam(`${IDENTITY_LABELS[best.identity]}救助比例`, assistance.ratios[best.identity]!),
        traceParam('年度救助限额（住院与门诊慢特病共用）', assistance.annualLimit),
      ],
      limits: [{ name: '年度救助限额余额', value: limitRemaining, bit: computed.greaterThan(limitRemaining) }],
      notes: held.length > 1 ? [`多重身份就高：${held.map((id) => IDENTITY_LABELS[id]).join('、')}`] : [],
    }),
  };
}
