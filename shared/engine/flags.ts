import { type Decimal, dec } from '../money';
import { type SettleContext, holdsAny } from './context';
import type { FlagField } from './schema';
import { money, note, step } from './trace';
import type { TraceNote, TraceStep } from './trace-schema';

/** §4.5: flags on the result, never amounts. */
export function settleFlags(ctx: SettleContext, patientCash: Decimal): { flags: Omit<Record<FlagField, boolean>, 'reviewRequired'>; trace: TraceStep } {
  const { input, params } = ctx;
  const identified = input.person.identities.length > 0;
  const notes: TraceNote[] = [];

  const monitoring = params.flags.monitoringThreshold.value;
  const burden = dec(input.ytd.personalPaid).plus(patientCash);
  const monitoringAlert = identified && monitoring !== null && burden.greaterThan(monitoring);
  if (monitoringAlert) notes.push(note('flags.monitoringAlert', { burden: money(burden), threshold: money(dec(monitoring!)) }));

  const charity = params.flags.charityThreshold.value;
  const charityReferral = charity !== null && holdsAny(input, params.flags.charityIdentities.value) && patientCash.greaterThan(charity);
  if (charityReferral) notes.push(note('flags.charityReferral', { cash: money(patientCash), threshold: money(dec(charity!)) }));

  const deferred = params.flags.deferredPayment;
  const deferredPayment =
    deferred !== null && input.visit === 'inpatient' && identified && input.hospital.referral === 'local' && deferred.levels.value.includes(input.hospital.level);
  if (deferredPayment) notes.push(note('flags.deferredPayment'));

  return {
    flags: { monitoringAlert, charityReferral, deferredPayment },
    trace: step({ step: 'flags', layer: 'flags', applies: notes.length > 0, notes }),
  };
}
