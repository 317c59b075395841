import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleCommit } from '../../tools/fixtures';
import { DIALECTS, tempLedger, unwrap, type TempLedger } from './helpers';

describe.each(DIALECTS)('ledger on %s', (dialect) => {
  let t: TempLedger;
  beforeEach(async () => {
    t = await tempLedger({ dialect });
  });
  afterEach(async () => t.close());

  const count = (table: string) => t.raw.count(table);

  describe('settlement attempts (exactly-once commits)', () => {
    it('stores the attempt with its settlement and answers the earlier settlement for a repeated attempt', async () => {
      const first = unwrap(await t.ledger.commitSettlement({ ...sampleCommit(), attemptId: 'a-1' }));
      expect(first.replayed).toBeUndefined();
      t.clock.tick(60_000);
      const again = unwrap(await t.ledger.commitSettlement({ ...sampleCommit({ lines: 7 }), attemptId: 'a-1' }));
      expect(again).toEqual({ settlementId: first.settlementId, committedAt: first.committedAt, status: 'settled', replayed: true });
      expect(await count('settlements')).toBe(1);
      expect(await count('outbox')).toBe(1);
      expect(await t.ledger.settlementOfAttempt('a-1')).toBe(first.settlementId);
      expect(await t.ledger.settlementOfAttempt('a-2')).toBeNull();
    });

    it('remembers attempts across a reopen', async () => {
      const first = unwrap(await t.ledger.commitSettlement({ ...sampleCommit(), attemptId: 'kept' }));
      const reopened = await t.reopen();
      try {
        expect(unwrap(await reopened.commitSettlement({ ...sampleCommit(), attemptId: 'kept' }))).toMatchObject({ settlementId: first.settlementId, replayed: true });
        expect(await t.raw.count('settlements')).toBe(1);
      } finally {
        await reopened.close();
      }
    });

    it('stores no attempt when the commit is refused', async () => {
      const bad = sampleCommit();
      bad.result.amounts.patientCash = '0.01';
      expect((await t.ledger.commitSettlement({ ...bad, attemptId: 'refused' })).ok).toBe(false);
      expect(await t.ledger.settlementOfAttempt('refused')).toBeNull();
      expect(await count('settlement_attempts')).toBe(0);
    });

    it('never updates or deletes an attempt', async () => {
      unwrap(await t.ledger.commitSettlement({ ...sampleCommit(), attemptId: 'fixed' }));
      await expect(t.raw.run("UPDATE settlement_attempts SET attempt_id = 'x'")).rejects.toThrow(/append-only/);
      await expect(t.raw.run('DELETE FROM settlement_attempts')).rejects.toThrow(/append-only/);
    });
  });
});
