import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLedger } from '../../electron/ledger';
import { sampleCommit } from './sample';
import { tempLedger, unwrap } from './helpers';

let t: ReturnType<typeof tempLedger>;
beforeEach(() => {
  t = tempLedger();
});
afterEach(() => t.close());

const count = (table: string) => t.ledger.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

describe('settlement attempts (exactly-once commits)', () => {
  it('stores the attempt with its settlement and answers the earlier settlement for a repeated attempt', async () => {
    const first = unwrap(t.ledger.commitSettlement({ ...sampleCommit(), attemptId: 'a-1' }));
    expect(first.replayed).toBeUndefined();
    t.clock.tick(60_000);
    const again = unwrap(t.ledger.commitSettlement({ ...sampleCommit({ lines: 7 }), attemptId: 'a-1' }));
    expect(again).toEqual({ settlementId: first.settlementId, committedAt: first.committedAt, status: 'settled', replayed: true });
    expect(count('settlements')).toBe(1);
    expect(count('outbox')).toBe(1);
    expect(await t.ledger.settlementOfAttempt('a-1')).toBe(first.settlementId);
    expect(await t.ledger.settlementOfAttempt('a-2')).toBeNull();
  });

  it('remembers attempts across a reopen', async () => {
    const first = unwrap(t.ledger.commitSettlement({ ...sampleCommit(), attemptId: 'kept' }));
    t.ledger.close();
    const reopened = openLedger({ path: t.path, now: t.clock.now });
    try {
      expect(unwrap(reopened.commitSettlement({ ...sampleCommit(), attemptId: 'kept' }))).toMatchObject({ settlementId: first.settlementId, replayed: true });
      expect(reopened.db.prepare('SELECT count(*) FROM settlements').pluck().get()).toBe(1);
    } finally {
      reopened.close();
    }
  });

  it('stores no attempt when the commit is refused', async () => {
    const bad = sampleCommit();
    bad.result.amounts.patientCash = '0.01';
    expect(t.ledger.commitSettlement({ ...bad, attemptId: 'refused' }).ok).toBe(false);
    expect(await t.ledger.settlementOfAttempt('refused')).toBeNull();
    expect(count('settlement_attempts')).toBe(0);
  });

  it('never updates or deletes an attempt', () => {
    unwrap(t.ledger.commitSettlement({ ...sampleCommit(), attemptId: 'fixed' }));
    expect(() => t.ledger.db.prepare("UPDATE settlement_attempts SET attempt_id = 'x'").run()).toThrow(/append-only/);
    expect(() => t.ledger.db.prepare('DELETE FROM settlement_attempts').run()).toThrow(/append-only/);
  });
});
