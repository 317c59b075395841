/** The simulator's real-time settlement transactions (national-platform.md §9–§11), routed by infno. */
import { RT_INFNO } from '../../../electron/realtime';
import type { TxContext, TxOutcome } from '../transactions/types';
import { uploadFees, withdrawInpatientFees, withdrawOutpatientFees } from './fees';
import { cancelSettlement, settleVisit } from './settle';
import { inInsuredArea } from './insured-area';
import { admission, cancelDischarge, cancelVisit, discharge, outpatientVisit, register } from './visits';

const HANDLERS: Record<string, (ctx: TxContext) => TxOutcome> = {
  [RT_INFNO.outpatientRegister]: register,
  [RT_INFNO.outpatientRegisterCancel]: cancelVisit,
  [RT_INFNO.outpatientVisit]: outpatientVisit,
  [RT_INFNO.outpatientFees]: uploadFees,
  [RT_INFNO.outpatientFeesCancel]: withdrawOutpatientFees,
  [RT_INFNO.outpatientPreSettle]: settleVisit,
  [RT_INFNO.outpatientSettle]: settleVisit,
  [RT_INFNO.outpatientSettleCancel]: cancelSettlement,
  [RT_INFNO.inpatientFees]: uploadFees,
  [RT_INFNO.inpatientFeesCancel]: withdrawInpatientFees,
  [RT_INFNO.inpatientPreSettle]: settleVisit,
  [RT_INFNO.inpatientSettle]: settleVisit,
  [RT_INFNO.inpatientSettleCancel]: cancelSettlement,
  [RT_INFNO.admission]: admission,
  [RT_INFNO.discharge]: discharge,
  [RT_INFNO.admissionCancel]: cancelVisit,
  [RT_INFNO.dischargeCancel]: cancelDischarge,
};

export const REALTIME_HANDLERS: Record<string, (ctx: TxContext) => TxOutcome> = Object.fromEntries(
  Object.entries(HANDLERS).map(([infno, handler]) => [infno, inInsuredArea(handler)]),
);

export { cancellationOf, undoByReversal } from './settle';
export { realtimeAdmin } from './admin';
