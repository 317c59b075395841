import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLedger } from '../../electron/ledger';
import { sampleCommit } from './sample';
import { tempLedger, unwrap } from './helpers';

let t: Awaited<ReturnType<typeof tempLedger>>;
beforeEach(async () => {
  t = await tempLedger();
});
afterEach(async () => t.close());

const count = (table: string) => t.sql.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

describe('settlement attempts (exactly-once commits)', () => {
  it('stores the attempt with its settlement and answers the earlier settlement for a repeated attempt', async () => {
    const first = unwrap(await t.ledger.commitSettlement({ ...sampleCommit(), attemptId: 'a-1' }));
    expect(first.replayed).toBeUndefined();
    t.clock.tick(60_000);
    const again = unwrap(await t.ledger.commitSettlement({ ...sampleCommit({ lines: 7 }), attemptId: 'a-1' }));
    expect(again).toEqual({ settlementId: first.settlementId, committedAt: first.committedAt, status: 'settled', replayed: true });
    expect(count('settlements')).toBe(1);
    expect(count('outbox')).toBe(1);
    expect(await t.ledger.settlementOfAttempt('a-1')).toBe(first.settlementId);
    expect(await t.ledger.settlementOfAttempt('a-2')).toBeNull();
  });

  it('remembers attempts across a reopen', async () => {
    const first = unwrap(await t.ledger.commitSettlement({ ...sampleCommit(), attemptId: 'kept' }));
    await t.ledger.close();
    const reopened = await openLedger({ path: t.path, now: t.clock.now });
    try {
      expect(unwrap(await reopened.commitSettlement({ ...sampleCommit(), attemptId: 'kept' }))).toMatchObject({ settlementId: first.settlementId, replayed: true });
      expect(t.sql.prepare('SELECT count(*) FROM settlements').pluck().get()).toBe(1);
    } finally {
      await reopened.close();
    }
  });

  it('stores no attempt when the commit is refused', async () => {
    const bad = sampleCommit();
    bad.result.amounts.patientCash = '0.01';
    expect((await t.ledger.commitSettlement({ ...bad, attemptId: 'refused' })).ok).toBe(false);
    expect(await t.ledger.settlementOfAttempt('refused')).toBeNull();
    expect(count('settlement_attempts')).toBe(0);
  });

  it('never updates or deletes an attempt', async () => {
    unwrap(await t.ledger.commitSettlement({ ...sampleCommit(), attemptId: 'fixed' }));
    expect(() => t.sql.prepare("UPDATE settlement_attempts SET attempt_id = 'x'").run()).toThrow(/append-only/);
    expect(() => t.sql.prepare('DELETE FROM settlement_attempts').run()).toThrow(/append-only/);
  });
});
