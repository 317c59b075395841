import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleCommit } from '../../tools/fixtures';
import { tempLedger, unwrap } from './helpers';

let t: Awaited<ReturnType<typeof tempLedger>>;
beforeEach(async () => {
  t = await tempLedger();
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
    const before = t.sql.prepare(`SELECT * FROM ${table}`).all();
    expect(before.length).toBeGreaterThan(0);
    expect(() => t.sql.prepare(`UPDATE ${table} SET ${assignment}`).run()).toThrow(`ledger-append-only: ${table} rows are never updated`);
    expect(() => t.sql.prepare(`DELETE FROM ${table}`).run()).toThrow(`ledger-append-only: ${table} rows are never deleted`);
    expect(t.sql.prepare(`SELECT * FROM ${table}`).all()).toEqual(before);
  });

  it('outbox rows change status but are never deleted', async () => {
    expect(() => t.sql.prepare('DELETE FROM outbox').run()).toThrow('ledger-append-only: outbox rows are never deleted');
  });
});

describe('audit chain', () => {
  it('verifies an untouched chain', async () => {
    const rows = t.sql.prepare('SELECT count(*) FROM audit_log').pluck().get();
    expect(await t.ledger.verifyAuditChain()).toEqual({ ok: true, rows });
  });

  it('finds the first row whose content was changed behind the triggers', async () => {
    t.sql.exec('DROP TRIGGER audit_log_no_update');
    t.sql.prepare(`UPDATE audit_log SET detail_json = '{"total":"1.00"}' WHERE action = 'settlement.commit'`).run();
    const tampered = t.sql.prepare(`SELECT id FROM audit_log WHERE action = 'settlement.commit'`).pluck().get();
    expect(await t.ledger.verifyAuditChain()).toEqual({ ok: false, brokenAt: tampered, reason: '审计记录内容与其哈希不符（记录被改动）' });
  });

  it('notices a re-hashed row through the next row and a deleted row through the gap', async () => {
    t.sql.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete');
    const ids = t.sql.prepare('SELECT id FROM audit_log ORDER BY id').pluck().all() as number[];
    // A forger who recomputes the row's own hash still breaks the link to the following row.
    t.sql.prepare(`UPDATE audit_log SET hash = ? WHERE id = ?`).run('f'.repeat(64), ids[1]);
    expect(await t.ledger.verifyAuditChain()).toMatchObject({ ok: false, brokenAt: ids[1] });
    const fresh = await tempLedger();
    try {
      unwrap(await fresh.ledger.commitSettlement(sampleCommit()));
      fresh.sql.exec('DROP TRIGGER audit_log_no_delete');
      fresh.sql.prepare('DELETE FROM audit_log WHERE id = 2').run();
      expect(await fresh.ledger.verifyAuditChain()).toEqual({ ok: false, brokenAt: 3, reason: '审计记录缺号：应为 2，实为 3' });
    } finally {
      await fresh.close();
    }
  });
});
