/**
 * One ledger settlement as a 4101 `setlinfo` record. Everything comes from the append-only
 * settlement row, so a record re-sent after a crash is byte-for-byte the record sent before —
 * which is what lets the bureau's idempotency on medins_setl_id acknowledge it instead of refusing it.
 */
import { buildSetlinfo, type EngineAmounts } from '../bureau/setlinfo';
import type { SetlinfoRecord } from '../bureau/schemas';
import type { SettlementRecord } from '../ledger';
import { dec, formatMoney } from '../../shared/money';

/** "2020-03-15T10:03:04.123+08:00" → "2020-03-15 10:03:04" (setl_time, the terminal's local time). */
export function setlTime(committedAt: string): string {
  return `${committedAt.slice(0, 10)} ${committedAt.slice(11, 19)}`;
}

/** What a 4101 record is made of: the settlement summary and its bill. */
export type UploadSource = Pick<SettlementRecord, 'id' | 'kind' | 'reversesId' | 'committedAt' | 'patient' | 'amounts' | 'input'>;

export function toSetlinfo(s: UploadSource): SetlinfoRecord {
  const isReversal = s.kind === 'reversal';
  // The ledger stores a reversal's amounts negated; buildSetlinfo negates the positive ones itself.
  const amounts = (isReversal
    ? Object.fromEntries(Object.entries(s.amounts).map(([k, v]) => [k, formatMoney(dec(v).negated())]))
    : s.amounts) as EngineAmounts;
  return buildSetlinfo({
    id: s.id,
    settledAt: setlTime(s.committedAt),
    psnNo: s.patient.psnNo ?? undefined,
    certno: s.patient.certno,
    name: s.patient.name,
    bill: s.input,
    amounts,
    reverses: isReversal ? (s.reversesId ?? undefined) : undefined,
  });
}
