import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleCommit } from '../../tools/fixtures';
import { DIALECTS, tempLedger, unwrap } from './helpers';

// The same guarantees on both engines (SQLite triggers RAISE(ABORT), PostgreSQL trigger functions).
describe.each(DIALECTS)('append-only ledger (%s)', (dialect) => {
  let t: Awaited<ReturnType<typeof tempLedger>>;
  beforeEach(async () => {
    t = await tempLedger({ dialect });
    const { settlementId } = unwrap(await t.ledger.commitSettlement(sampleCommit({ reviewRequired: true })));
    unwrap(await t.ledger.recordReview(settlementId, { outcome: 'approved', operatorId: 'supervisor' }));
    unwrap(await t.ledger.reverseSettlement(settlementId, { supervisorId: 'supervisor', reason: '测试' }));
    await t.ledger.recordPrint(settlementId, '/tmp/r.pdf');
  });
  afterEach(async () => t.close());

  describe('append-only tables', () => {
    const tables: Array<[string, string]> = [
      ['settlements', 'total_fen = 0'],
      ['reversals', "reason = 'x'"],
      ['settlement_events', "status = 'settled'"],
      ['bills', "source = 'x'"],
      ['bill_lines', "price = '0'"],
      ['receipt_prints', "pdf_path = 'x'"],
      ['audit_log', "actor = 'x'"],
    ];

    it.each(tables)('%s refuses UPDATE and DELETE', async (table, assignment) => {
      const before = await t.raw.all(`SELECT * FROM ${table}`);
      expect(before.length).toBeGreaterThan(0);
      await expect(t.raw.run(`UPDATE ${table} SET ${assignment}`)).rejects.toThrow(`ledger-append-only: ${table} rows are never updated`);
      await expect(t.raw.run(`DELETE FROM ${table}`)).rejects.toThrow(`ledger-append-only: ${table} rows are never deleted`);
      expect(await t.raw.all(`SELECT * FROM ${table}`)).toEqual(before);
    });

    it('outbox rows change status but are never deleted', async () => {
      await expect(t.raw.run('DELETE FROM outbox')).rejects.toThrow('ledger-append-only: outbox rows are never deleted');
    });
  });

  describe('audit chain', () => {
    it('verifies an untouched chain', async () => {
      const rows = await t.raw.count('audit_log');
      expect(await t.ledger.verifyAuditChain()).toEqual({ ok: true, rows });
    });

    it('finds the first row whose content was changed behind the triggers', async () => {
      await t.raw.dropGuard('audit_log', 'update');
      await t.raw.run(`UPDATE audit_log SET detail_json = '{"total":"1.00"}' WHERE action = 'settlement.commit'`);
      const tampered = Number(await t.raw.value(`SELECT id FROM audit_log WHERE action = 'settlement.commit'`));
      expect(await t.ledger.verifyAuditChain()).toEqual({ ok: false, brokenAt: tampered, reason: '审计记录内容与其哈希不符（记录被改动）' });
    });

    it('notices a re-hashed row through the next row and a deleted row through the gap', async () => {
      await t.raw.dropGuard('audit_log', 'update');
      const ids = (await t.raw.all<{ id: number }>('SELECT id FROM audit_log ORDER BY id')).map((r) => Number(r.id));
      // A forger who recomputes the row's own hash still breaks the link to the following row.
      await t.raw.run(`UPDATE audit_log SET hash = ? WHERE id = ?`, ['f'.repeat(64), ids[1]]);
      expect(await t.ledger.verifyAuditChain()).toMatchObject({ ok: false, brokenAt: ids[1] });
      const fresh = await tempLedger({ dialect });
      try {
        unwrap(await fresh.ledger.commitSettlement(sampleCommit()));
        await fresh.raw.dropGuard('audit_log', 'delete');
        await fresh.raw.run('DELETE FROM audit_log WHERE id = 2');
        expect(await fresh.ledger.verifyAuditChain()).toEqual({ ok: false, brokenAt: 3, reason: '审计记录缺号：应为 2，实为 3' });
      } finally {
        await fresh.close();
      }
    });
  });
});
