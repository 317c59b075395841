/**
 * Real-time settlement with the national platform (issue #14; national-platform.md §9–§13, rule
 * book §4.6): the centre settles the three national layers, OneBill cross-checks them with its own
 * engine and computes the regional fourth layer on top. See README.md.
 */
import type { PolicyLibrary } from '../../shared/policy';
import { settle, type SettlementInputRaw, type SettlementResult } from '../../shared/engine';
import { crossCheck, type CrossCheck } from './cross-check';
import { withCentreClasses, type CentreLine } from './lines';
import type { Setlinfo } from './schemas';

export { RealtimeFlow, type Quotation, type RealtimeBill, type RealtimePerson, type SettledAtCentre } from './flow';
export { RealtimeStateStore, type AttemptState } from './state-store';
export { cancelAtCentre, cancelInfno, closeVisitAtCentre, type CancelLedger, type CancelTarget, type CancelledAtCentre } from './cancel';
export { crossCheck, LIKELY_INPUT_LABELS, type CrossCheck, type LikelyInput } from './cross-check';
export type { CentreLine } from './lines';
export { RT_INFNO, type Setlinfo, type SettleAnswer } from './schemas';

export interface BothSettlements {
  /** The engine input with the centre's line classes: what the settlement stores. */
  input: SettlementInputRaw;
  /** OneBill's own national settlement of the bill (the cross-check column). */
  local: SettlementResult;
  /** The centre's three amounts with the fourth layer on top: what the patient pays. */
  final: SettlementResult;
  check: CrossCheck;
}

export type Both = { ok: true; value: BothSettlements } | { ok: false; error: { code: string; message: string } };

/** Both columns of the pre-settle screen, and the settlement to commit, from the centre's answer. */
export function bothSettlements(input: SettlementInputRaw, lines: readonly CentreLine[], centre: Setlinfo, library: PolicyLibrary): Both {
  const classed = { ...input, lines: withCentreClasses(input.lines, lines) };
  const local = settle(classed, library, { kind: 'national-only' });
  if (!local.ok) return local;
  const final = settle(classed, library, { kind: 'national-given', amounts: { basic: centre.hifp_pay, catastrophic: centre.hifmi_pay, assistance: centre.maf_pay } });
  if (!final.ok) return final;
  return { ok: true, value: { input: classed, local: local.value, final: final.value, check: crossCheck(centre, local.value) } };
}
export {
  admissionInputSchema,
  dischargeInputSchema,
  feeUploadInputSchema,
  inpatientFeesCancelInputSchema,
  outpatientFeesCancelInputSchema,
  outpatientVisitInputSchema,
  registerInputSchema,
  settleCancelInputSchema,
  settleInputSchema,
  visitCancelInputSchema,
} from './schemas';
