import { type Decimal, ZERO, clampZero, dec, min, roundFen } from '../../money';
import type { SettleContext } from '../context';
import type { Identity } from '../schema';
import type { TraceStep } from '../trace-schema';
import { note, notApplicable, step, traceParam } from '../trace';

export interface AssistanceOutcome {
  assistance: Decimal;
  trace: TraceStep;
}

/** §4.3 医疗救助: the highest ratio among the identities held (就高, never added up). */
export function settleAssistance(ctx: SettleContext, copay2: Decimal): AssistanceOutcome {
  const { input, params } = ctx;
  const assistance = params.assistance;
  if (!assistance.visits.value.includes(input.visit)) {
    return { assistance: ZERO, trace: notApplicable('assistance.notApplicable', 'assistance', 'visit') };
  }
  let best: { identity: Identity; ratio: Decimal } | null = null;
  for (const identity of input.person.identities) {
    const param = assistance.ratios[identity];
    if (!param) continue;
    const ratio = dec(param.value);
    if (!best || ratio.greaterThan(best.ratio)) best = { identity, ratio };
  }
  if (!best) return { assistance: ZERO, trace: notApplicable('assistance.notApplicable', 'assistance', 'no-identity') };

  const computed = roundFen(copay2.times(best.ratio));
  const limitRemaining = clampZero(dec(assistance.annualLimit.value).minus(input.ytd.assistancePaid));
  const amount = min(computed, limitRemaining);
  const held = input.person.identities.filter((id) => assistance.ratios[id]);
  return {
    assistance: amount,
    trace: step({
      step: 'assistance.ratio',
      layer: 'assistance',
      applies: true,
      data: { identity: best.identity, ratio: best.ratio.toString() },
      base: copay2,
      amount,
      params: [
        traceParam('assistance.ratio', assistance.ratios[best.identity]!, { identity: best.identity }),
        traceParam('assistance.annualLimit', assistance.annualLimit),
      ],
      limits: [{ key: 'assistance.limitRemaining', value: limitRemaining, hit: computed.greaterThan(limitRemaining) }],
      notes: held.length > 1 ? [note('assistance.highestIdentity', { identities: held })] : [],
    }),
  };
}
