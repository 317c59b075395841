import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLedger } from '../../electron/ledger';
import { closeDay } from '../../electron/reports';
import { importRoster } from '../../electron/roster';
import { sampleCommit } from './sample';
import { tempLedger, unwrap } from './helpers';

let t: ReturnType<typeof tempLedger>;
beforeEach(() => {
  t = tempLedger();
});
afterEach(() => t.close());

const dropTriggers = (table: string) => t.ledger.db.exec(`DROP TRIGGER ${table}_no_update; DROP TRIGGER ${table}_no_delete;`);

describe('tamper evidence: the keyed audit chain covers settlements, reversals and events', () => {
  it('keys the chain with a 0600 secret beside the ledger, not in it', async () => {
    const keyFile = join(t.path, '..', 'audit.key');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(await t.ledger.verifyLedger()).toMatchObject({ ok: true, keyed: true, problems: [] });
  });

  it('detects a settlement’s patient cash changed behind the dropped trigger', async () => {
    const { settlementId } = unwrap(t.ledger.commitSettlement(sampleCommit()));
    const reversal = unwrap(t.ledger.reverseSettlement(unwrap(t.ledger.commitSettlement(sampleCommit())).settlementId, { supervisorId: 'supervisor', reason: '录入错误', operatorId: 'cashier' }));
    expect(await t.ledger.verifyLedger()).toMatchObject({ ok: true, coveredRows: 7 });

    dropTriggers('settlements');
    t.ledger.db.prepare('UPDATE settlements SET patient_cash_fen = 1 WHERE id = ?').run(settlementId);
    dropTriggers('reversals');
    t.ledger.db.prepare("UPDATE reversals SET reason = '改过' WHERE settlement_id = ?").run(reversal.settlementId);
    const verdict = await t.ledger.verifyLedger();
    expect(verdict.ok).toBe(false);
    expect(verdict.problems).toEqual([
      expect.stringMatching(new RegExp(`^结算单 ${settlementId} 的存储内容与审计记录不符`)),
      expect.stringMatching(new RegExp(`^冲销记录 ${reversal.settlementId} 的存储内容与审计记录不符`)),
    ]);
  });

  it('detects a settlement row inserted without the program, and a deleted event', async () => {
    const { settlementId } = unwrap(t.ledger.commitSettlement(sampleCommit()));
    t.ledger.db.exec(`CREATE TEMP TABLE copy AS SELECT * FROM settlements WHERE id = '${settlementId}'; UPDATE copy SET id = 'T01-20210315-000099'; INSERT INTO settlements SELECT * FROM copy;`);
    dropTriggers('settlement_events');
    t.ledger.db.prepare('DELETE FROM settlement_events WHERE settlement_id = ?').run(settlementId);
    const { problems } = await t.ledger.verifyLedger();
    expect(problems).toEqual([expect.stringMatching(/^结算状态记录 \d+ 已不存在/), '结算单 T01-20210315-000099 没有对应的审计记录（不是由本程序写入的）']);
  });

  it('a roster import on its own connection writes keyed audit rows too', async () => {
    const imported = await importRoster(t.ledger, join(process.cwd(), 'resources/demo/roster-demo.csv'), { operatorId: 'supervisor' });
    expect(imported.ok).toBe(true);
    unwrap(t.ledger.commitSettlement(sampleCommit()));
    expect(await t.ledger.verifyLedger()).toMatchObject({ ok: true, problems: [] });
  });

  it('a chain rewritten without the key does not verify', async () => {
    unwrap(t.ledger.commitSettlement(sampleCommit()));
    // Someone edits the amount in the audit detail and recomputes every hash with plain sha256.
    dropTriggers('audit_log');
    const rows = t.ledger.db.prepare('SELECT * FROM audit_log ORDER BY id').all() as Array<Record<string, string | number | null>>;
    let prev = '0'.repeat(64);
    for (const row of rows) {
      const canonical = JSON.stringify([row.id, row.at, row.actor, row.action, row.subject, row.detail_json]);
      const hash = createHash('sha256').update(prev).update(canonical).digest('hex');
      t.ledger.db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?').run(prev, hash, row.id);
      prev = hash;
    }
    expect((await t.ledger.verifyLedger()).problems[0]).toMatch(/^审计链第 1 条：审计记录内容与其哈希不符/);
  });

  it('the day-close anchor shows the last audit rows removed', async () => {
    unwrap(t.ledger.commitSettlement(sampleCommit()));
    const close = unwrap(closeDay({ ledger: t.ledger, day: '2021-03-15', operatorId: 'cashier' }));
    const head = close.cashiers[0]!.closed!.auditHead!;
    expect(head).toEqual(t.ledger.audit.head());
    expect(close.document.notes).toContain(`收费员（cashier）日结时台账审计链头：第 ${head.id} 条 ${head.hash}`);
    dropTriggers('audit_log');
    t.ledger.db.prepare('DELETE FROM audit_log WHERE id >= ?').run(head.id);
    expect((await t.ledger.verifyLedger()).problems).toEqual([`收费员 cashier 2021-03-15 的日结报表记载的审计链头第 ${head.id} 条已不存在（审计记录被删除）`]);
  });

  it('a ledger written before the key verifies its old rows unkeyed and is keyed from then on', async () => {
    const old = openLedger({ path: join(t.path, '..', 'old.sqlite'), now: t.clock.now, auditKey: null });
    old.ensureDemoOperators();
    unwrap(old.commitSettlement(sampleCommit()));
    old.close();
    const upgraded = openLedger({ path: join(t.path, '..', 'old.sqlite'), now: t.clock.now });
    try {
      unwrap(upgraded.commitSettlement(sampleCommit()));
      expect(await upgraded.verifyLedger()).toMatchObject({ ok: true, keyed: true });
      expect(upgraded.audit.list({ action: 'audit.keyed' })).toHaveLength(1);
    } finally {
      upgraded.close();
    }
  });
});
