import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommitArgs } from '../../electron/ledger';
import { sampleCommit } from '../../tools/fixtures';
import { DIALECTS, tempLedger, unwrap, type TempLedger } from './helpers';

/**
 * Migration 14: each settlement keeps what it adds to the 大病 year-to-date (the engine's
 * intermediates.catastrophicBase), the year-to-date sums that column, a reversal negates it, and
 * rows written before the migration are backfilled with the rule then in force (copay1 of
 * inpatient and chronic-outpatient visits) without changing a year-to-date or an audit digest.
 */
describe.each(DIALECTS)('the 大病 base per settlement on %s', (dialect) => {
  let t: TempLedger;
  beforeEach(async () => {
    t = await tempLedger({ dialect, ...(dialect === 'postgres' ? { auditKey: randomBytes(32) } : {}) });
  });
  afterEach(() => t.close());

  const PERSON = '520102196503150017';
  const commit = async (args: CommitArgs) => unwrap(await t.ledger.commitSettlement(args)).settlementId;
  /** An outpatient bill under a policy that counts outpatient visits toward 大病: its base is its copay1 (80.00). */
  const countedOutpatient = (): CommitArgs => {
    const args = sampleCommit({ certno: PERSON, visit: 'outpatient', amounts: { total: '160.00', inscope: '160.00', basic: '80.00', patientCash: '80.00' } });
    return { ...args, result: { ...args.result, intermediates: { ...args.result.intermediates!, catastrophicBase: '80.00' } } };
  };
  const bases = async () =>
    Object.fromEntries(
      (await t.raw.all<{ id: string; b: number }>('SELECT id, catastrophic_base_fen AS b FROM settlements ORDER BY id')).map((r) => [r.id, Number(r.b)]),
    );

  it('backfills a ledger written before migration 14 with the rule then in force: same year-to-date, same digests', async () => {
    const inpatient = await commit(sampleCommit({ certno: PERSON, amounts: { preselfpay: '50.00', inscope: '557.00', basic: '400.00' } })); // copay1 207.00
    const chronic = await commit(sampleCommit({ certno: PERSON, visit: 'chronic-outpatient', amounts: { total: '300.00', inscope: '300.00', basic: '195.00' } })); // 105.00
    const outpatient = await commit(sampleCommit({ certno: PERSON, visit: 'outpatient', amounts: { total: '160.00', inscope: '160.00', basic: '80.00' } })); // 80.00, not counted
    const reversal = unwrap(await t.ledger.reverseSettlement(chronic, { supervisorId: 'supervisor', reason: '录入错误', operatorId: 'cashier' })).settlementId;
    const ytd = await t.ledger.ytdFor(PERSON, 2021);
    expect(ytd.catastrophicBase).toBe('207.00');
    const stored = await bases();
    expect(stored).toEqual({ [inpatient]: 20700, [chronic]: 10500, [outpatient]: 0, [reversal]: -10500 });

    // The same ledger as the build before migration 14 left it: migrations 1–13 only (no column, and
    // none of the later migrations' tables and columns either).
    await t.raw.exec('ALTER TABLE settlements DROP COLUMN catastrophic_base_fen');
    await t.raw.exec('DROP TABLE realtime_reversals; DROP TABLE realtime_cancel_outcomes; DROP TABLE realtime_cancels');
    await t.raw.exec('ALTER TABLE roster_versions DROP COLUMN staged_by; ALTER TABLE catalogue_versions DROP COLUMN staged_by');
    await t.raw.run('DELETE FROM schema_migrations WHERE id >= 14');
    expect((await t.raw.all('SELECT * FROM settlements LIMIT 1'))[0]).not.toHaveProperty('catastrophic_base_fen');

    const upgraded = await t.reopen();
    expect(await bases()).toEqual(stored);
    expect(await upgraded.ytdFor(PERSON, 2021)).toEqual(ytd);
    expect(await upgraded.verifyLedger()).toMatchObject({ ok: true, keyed: true, problems: [] });
  });

  it('sums what each settlement stored: an outpatient bill counted by its policy adds its copay1, its reversal takes it back', async () => {
    const id = await commit(countedOutpatient());
    expect((await t.ledger.ytdFor(PERSON, 2021)).catastrophicBase).toBe('80.00');
    expect((await t.ledger.getSettlement(id))!.catastrophicBase).toBe('80.00');
    const reversal = unwrap(await t.ledger.reverseSettlement(id, { supervisorId: 'supervisor', reason: '录入错误', operatorId: 'cashier' })).settlementId;
    expect((await t.ledger.getSettlement(reversal))!.catastrophicBase).toBe('-80.00');
    expect((await t.ledger.ytdFor(PERSON, 2021)).catastrophicBase).toBe('0.00');
  });

  it('refuses a result without the engine’s intermediates, writing nothing', async () => {
    const args = sampleCommit({ certno: PERSON });
    const { intermediates: _, ...result } = args.result;
    expect(await t.ledger.commitSettlement({ ...args, result })).toMatchObject({ ok: false, error: { code: 'ledger-invalid-settlement' } });
    expect(await t.raw.count('settlements')).toBe(0);
  });

  it('covers the column by the audit digest, whichever way it is changed', async () => {
    const inpatient = await commit(sampleCommit({ certno: PERSON })); // base = copay1, the backfill's value
    const outpatient = await commit(countedOutpatient()); // base 80.00 where the backfill would say 0
    expect(await t.ledger.verifyLedger()).toMatchObject({ ok: true, problems: [] });
    await t.raw.dropGuard('settlements', 'update');
    await t.raw.run('UPDATE settlements SET catastrophic_base_fen = 0 WHERE id IN (?, ?)', [inpatient, outpatient]);
    expect((await t.ledger.verifyLedger()).problems).toEqual([
      expect.stringMatching(new RegExp(`^结算单 ${inpatient} 的存储内容与审计记录不符`)),
      expect.stringMatching(new RegExp(`^结算单 ${outpatient} 的存储内容与审计记录不符`)),
    ]);
  });
});
