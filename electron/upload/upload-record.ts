/**
 * One ledger settlement as its 4101 settlement list. Everything comes from the append-only
 * settlement row, so a list re-sent after a crash or a timeout is the list sent before — which
 * is what lets the bureau's idempotency on setl_id answer it instead of refusing it.
 */
import { type AdmissionContext, buildSettlementList, type SettlementListInput, type EngineAmounts } from '../bureau';
import type { SettlementRecord } from '../ledger';
import { dec, formatMoney } from '../../shared/money';
import { stampWallTime } from '../../shared/time';

/** "2020-03-15T10:03:04.123+08:00" → "2020-03-15 10:03:04": the platform's times are Beijing wall time, whatever offset the ledger row names. */
export function setlTime(committedAt: string): string {
  return stampWallTime(committedAt);
}

/** What a settlement list is made of: the settlement summary and its bill. */
export type UploadSource = Pick<SettlementRecord, 'id' | 'kind' | 'reversesId' | 'committedAt' | 'patient' | 'amounts' | 'input' | 'policy' | 'operatorId'> & {
  /** The person's 参保地 as the bureau answered (1101); else the policy region's code stands in. */
  insuplcAdmdvs?: string | null;
};

/** The region's 医保区划 (policy admdvs), for setlinfo.insuplc when the bureau's own answer is not stored (offline). */
export type AdmdvsOf = (region: string) => string | undefined;

/** `centreSetlId`: a real-time settlement's list is keyed by the centre's setl_id (national-platform.md §15). */
export function toSettlementList(s: UploadSource, admdvsOf: AdmdvsOf = () => undefined, centreSetlId?: string): SettlementListInput {
  const isReversal = s.kind === 'reversal';
  // The ledger stores a reversal's amounts negated; the builder negates the positive ones itself.
  const amounts = (isReversal ? Object.fromEntries(Object.entries(s.amounts).map(([k, v]) => [k, formatMoney(dec(v).negated())])) : s.amounts) as EngineAmounts;
  const admission = (s.input as { admission?: AdmissionContext }).admission ?? null;
  return buildSettlementList({
    id: centreSetlId ?? s.id,
    reverses: isReversal ? (s.reversesId ?? undefined) : undefined,
    settledAt: setlTime(s.committedAt),
    psnNo: s.patient.psnNo ?? undefined,
    certno: s.patient.certno,
    name: s.patient.name,
    insuplcAdmdvs: s.insuplcAdmdvs ?? admdvsOf(s.policy.region) ?? s.patient.certno.slice(0, 6),
    operatorName: s.operatorId,
    bill: s.input,
    amounts,
    admission,
  });
}
