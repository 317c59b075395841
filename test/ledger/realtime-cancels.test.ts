/**
 * The ledger's side of a real-time cancellation (migration 15) on both engines: the cancelling msgid
 * stored before it is sent, one window's unresolved request refusing another's, the reversal
 * committed with the centre's answer only while its msgid is pending, and the night's readers
 * (4101 lists not needed, 3201 rows by the centre's ids) seeing the pair.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleCommit } from '../../tools/fixtures';
import { DIALECTS, tempLedger, unwrap } from './helpers';

const ARGS = { supervisorId: 'supervisor', reason: '费用录入错误' };
const CENTRE = { setlId: 'C-SETL-1', mdtrtId: 'C-MDTRT-1' };
const ANSWER = { setlinfo: { setl_id: 'C-CANCEL-1', medfee_sumamt: '-100.00' }, setldetail: [] };

describe.each(DIALECTS)('real-time cancellations in the ledger (%s)', (dialect) => {
  let t: Awaited<ReturnType<typeof tempLedger>>;
  let original: string;
  beforeEach(async () => {
    t = await tempLedger({ dialect });
    original = unwrap(await t.ledger.commitSettlement(sampleCommit())).settlementId;
    // The real-time record a commit at a real-time site writes beside the settlement (migration 11).
    await t.raw.run(
      'INSERT INTO realtime_settlements (settlement_id, setl_id, mdtrt_id, msgid, centre_json, local_json, check_json, difference_fen) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      [original, CENTRE.setlId, CENTRE.mdtrtId, 'M-SETTLE', '{}', '{}', '{}', 0],
    );
  });
  afterEach(async () => t.close());

  it('stores the msgid before the request goes; refuses a second one while it is unresolved, here and at another window', async () => {
    const cancels = t.ledger.realtimeCancels;
    unwrap(await cancels.recordSent(original, 'M-1', '2305', ARGS));
    expect(await cancels.pending(original)).toEqual([expect.objectContaining({ msgid: 'M-1', infno: '2305', terminalId: t.ledger.terminalId })]);
    expect(await cancels.recordSent(original, 'M-2', '2305', ARGS)).toMatchObject({ ok: false, error: { code: 'realtime-cancel-pending' } });
    const other = await t.reopen({ terminalId: 'T09' });
    try {
      expect(await other.realtimeCancels.recordSent(original, 'M-3', '2305', ARGS)).toMatchObject({ ok: false, error: { code: 'realtime-cancel-elsewhere' } });
    } finally {
      await other.close();
    }
    // Reversed (2601): no longer pending, a new request may go.
    await cancels.recordOutcome('M-1', 'reversed', '2601');
    expect(await cancels.pending(original)).toEqual([]);
    unwrap(await cancels.recordSent(original, 'M-4', '2305', ARGS));
    // The reversal checks come first: no reason, nothing stored.
    await cancels.recordOutcome('M-4', 'refused', '不能撤销');
    expect(await cancels.recordSent(original, 'M-5', '2305', { ...ARGS, reason: ' ' })).toMatchObject({ ok: false, error: { code: 'reversal-reason-required' } });
    expect(await t.raw.count('realtime_cancels')).toBe(2);
  });

  it('reverses with the centre’s answer only while its msgid is pending; the pair needs no 4101 list and is reconciled by the centre’s ids', async () => {
    const cancels = t.ledger.realtimeCancels;
    unwrap(await cancels.recordSent(original, 'M-1', '2305', ARGS));
    await cancels.recordOutcome('M-1', 'reversed', '2601');
    const stale = await cancels.reverseWithCentre(original, ARGS, { msgid: 'M-1', setlId: 'C-CANCEL-0', mdtrtId: CENTRE.mdtrtId, answer: ANSWER });
    expect(stale).toMatchObject({ ok: false, error: { code: 'realtime-cancel-not-pending' } });
    expect(await t.raw.count('reversals')).toBe(0);

    unwrap(await cancels.recordSent(original, 'M-2', '2305', ARGS));
    const reversed = unwrap(await cancels.reverseWithCentre(original, ARGS, { msgid: 'M-2', setlId: 'C-CANCEL-1', mdtrtId: CENTRE.mdtrtId, answer: ANSWER }));
    expect(await cancels.pending(original)).toEqual([]);
    const state = { setlId: CENTRE.setlId, mdtrtId: CENTRE.mdtrtId, cancelSetlId: 'C-CANCEL-1', cancelAnswer: ANSWER };
    expect(await cancels.centreStateOf(original)).toEqual(state);
    expect(await cancels.centreStateOf(reversed.settlementId)).toEqual(state);
    expect(await cancels.listNotNeeded([original, reversed.settlementId])).toEqual(
      new Map([
        [original, CENTRE.setlId],
        [reversed.settlementId, 'C-CANCEL-1'],
      ]),
    );
    const rows = await t.ledger.reconcileRows((await t.ledger.getSettlement(reversed.settlementId))!.committedAt.slice(0, 10));
    const fund = (id: string) => rows.find((r) => r.id === id)!;
    expect(fund(reversed.settlementId)).toMatchObject({ centre_setl_id: 'C-CANCEL-1', centre_mdtrt_id: CENTRE.mdtrtId, fund_fen: -fund(original).fund_fen });
    expect(fund(original)).toMatchObject({ centre_setl_id: CENTRE.setlId });
    for (const table of ['realtime_cancels', 'realtime_cancel_outcomes', 'realtime_reversals']) {
      await expect(t.raw.run(`DELETE FROM ${table}`)).rejects.toThrow(`ledger-append-only: ${table} rows are never deleted`);
    }
  });
});
