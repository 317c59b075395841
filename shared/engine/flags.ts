import { type Decimal, dec } from '../money';
import { type SettleContext, holdsAny } from './context';
import type { FlagField } from './schema';
import { step } from './trace';
import type { TraceStep } from './schema';

/** §4.5: flags on the result, never amounts. */
export function settleFlags(ctx: SettleContext, patientCash: Decimal): { flags: Omit<Record<FlagField, boolean>, 'reviewRequired'>; trace: TraceStep } {
  const { input, params } = ctx;
  const identified = input.person.identities.length > 0;
  const notes: string[] = [];

  const monitoring = params.flags.monitoringThreshold.value;
  const burden = dec(input.ytd.personalPaid).plus(patientCash);
  const monitoringAlert = identified && monitoring !== null && burden.greaterThan(monitoring);
  if (monitoringAlert) notes.push(`返贫监测预警：本年个人负担 ${burden.toFixed(2)} 超过 ${dec(monitoring!).toFixed(2)}`);

  const charity = params.flags.charityThreshold.value;
  const charityReferral = charity !== null && holdsAny(input, params.flags.charityIdentities.value) && patientCash.greaterThan(charity);
  if (charityReferral) notes.push(`慈善救助转介：个人现金支付 ${patientCash.toFixed(2)} 超过 ${dec(charity!).toFixed(2)}`);

  const deferred = params.flags.deferredPayment;
  const deferredPayment =
    deferred !== null && input.visit === 'inpatient' && identified && input.hospital.referral === 'local' && deferred.levels.value.includes(input.hospital.level);
  if (deferredPayment) notes.push('先诊疗后付费：入院免交押金');

  return {
    flags: { monitoringAlert, charityReferral, deferredPayment },
    trace: step({
      layer: 'flags',
      title: '提示',
      applies: notes.length > 0,
      summary: notes.length ? notes.join('；') : '无提示',
      notes,
    }),
  };
}
