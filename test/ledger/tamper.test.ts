import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditKeyPathFor, type Dialect } from '../../electron/ledger';
import { closeDay } from '../../electron/reports';
import { sampleCommit } from '../../tools/fixtures';
import { DIALECTS, tempLedger, unwrap, type TempLedger } from './helpers';

/** SQLite keeps its key beside the file (the default); a server ledger is given the hospital's shared key. */
const keyOptions = (dialect: Dialect) => (dialect === 'postgres' ? { auditKey: randomBytes(32) } : {});

describe.each(DIALECTS)('tamper evidence on %s: the keyed audit chain covers settlements, reversals and events', (dialect) => {
  let t: TempLedger;
  beforeEach(async () => {
    t = await tempLedger({ dialect, ...keyOptions(dialect) });
  });
  afterEach(() => t.close());

  it('detects a settlement’s patient cash set to 0.01 behind the dropped trigger, also after a restart', async () => {
    const { settlementId } = unwrap(await t.ledger.commitSettlement(sampleCommit()));
    const second = unwrap(await t.ledger.commitSettlement(sampleCommit())).settlementId;
    const reversal = unwrap(await t.ledger.reverseSettlement(second, { supervisorId: 'supervisor', reason: '录入错误', operatorId: 'cashier' }));
    // 3 settlement rows, 1 reversal row, 3 status rows.
    expect(await t.ledger.verifyLedger()).toMatchObject({ ok: true, keyed: true, coveredRows: 7, problems: [] });

    await t.raw.dropGuard('settlements', 'update');
    expect(await t.raw.run('UPDATE settlements SET patient_cash_fen = 1 WHERE id = ?', [settlementId])).toBe(1);
    await t.raw.dropGuard('reversals', 'update');
    await t.raw.run("UPDATE reversals SET reason = '改过' WHERE settlement_id = ?", [reversal.settlementId]);
    const verdict = await t.ledger.verifyLedger();
    expect(verdict.ok).toBe(false);
    expect(verdict.problems).toEqual([
      expect.stringMatching(new RegExp(`^结算单 ${settlementId} 的存储内容与审计记录不符`)),
      expect.stringMatching(new RegExp(`^冲销记录 ${reversal.settlementId} 的存储内容与审计记录不符`)),
    ]);
    const again = await t.reopen();
    expect((await again.verifyLedger()).problems).toEqual(verdict.problems);
  });

  it('detects a deleted status row', async () => {
    const { settlementId } = unwrap(await t.ledger.commitSettlement(sampleCommit()));
    await t.raw.dropGuard('settlement_events', 'delete');
    await t.raw.run('DELETE FROM settlement_events WHERE settlement_id = ?', [settlementId]);
    expect((await t.ledger.verifyLedger()).problems).toEqual([expect.stringMatching(/^结算状态记录 \d+ 已不存在（审计第 \d+ 条记录了它）$/)]);
  });

  it('the day-close head shows the last audit rows removed', async () => {
    unwrap(await t.ledger.commitSettlement(sampleCommit()));
    const close = unwrap(await closeDay({ ledger: t.ledger, day: '2021-03-15', operatorId: 'cashier' }));
    const head = close.cashiers[0]!.closed!.auditHead!;
    expect(head).toEqual(await t.ledger.audit.head());
    expect(close.auditHead).toEqual(head);
    expect(close.document.notes).toContain(`收费员（cashier）日结时台账审计链头：第 ${head.id} 条 ${head.hash}`);
    expect(close.document.notes).toContain(`本报表生成时台账审计链头：第 ${head.id} 条 ${head.hash}（审计记录只增不减，请与下次报表核对）`);
    expect(await t.ledger.verifyLedger()).toMatchObject({ ok: true, head });

    // The forger removes the close's audit row and the commit before it: the chain alone still links up.
    await t.raw.dropGuard('audit_log', 'delete');
    expect(await t.raw.run('DELETE FROM audit_log WHERE id >= ?', [head.id - 1])).toBe(2);
    const { problems } = await t.ledger.verifyLedger();
    expect(problems).toContain(`收费员 cashier 2021-03-15 的日结报表记载的审计链头第 ${head.id} 条已不存在（审计记录被删除）`);
    expect(problems.some((p) => p.startsWith('审计链'))).toBe(false);
  });

  it('a day close deleted behind the program is named: the chain remembers it', async () => {
    unwrap(await t.ledger.commitSettlement(sampleCommit()));
    unwrap(await closeDay({ ledger: t.ledger, day: '2021-03-15', operatorId: 'cashier' }));
    await t.raw.dropGuard('reports_day_close', 'delete');
    expect(await t.raw.run('DELETE FROM reports_day_close')).toBe(1);
    expect((await t.ledger.verifyLedger()).problems).toEqual(['日结记录 cashier@2021-03-15 已不存在（审计链记录了该次日结）']);
  });

  it('a chain rewritten without the key does not verify', async () => {
    unwrap(await t.ledger.commitSettlement(sampleCommit()));
    // Someone edits an amount in an audit row and recomputes every hash with plain sha256.
    await t.raw.dropGuard('audit_log', 'update');
    const rows = await t.raw.all<{ id: number; at: string; actor: string; action: string; subject: string | null; detail_json: string }>(
      'SELECT * FROM audit_log ORDER BY id',
    );
    let prev = '0'.repeat(64);
    for (const row of rows) {
      const detail = row.detail_json.replace(/"patientCash":"[^"]*"/, '"patientCash":"0.01"');
      const hash = createHash('sha256')
        .update(prev)
        .update(JSON.stringify([Number(row.id), row.at, row.actor, row.action, row.subject, detail]))
        .digest('hex');
      await t.raw.run('UPDATE audit_log SET detail_json = ?, prev_hash = ?, hash = ? WHERE id = ?', [detail, prev, hash, row.id]);
      prev = hash;
    }
    expect((await t.ledger.verifyLedger()).problems[0]).toBe('审计链第 1 条：审计记录内容与其哈希不符（记录被改动）');
  });

  it('a wrong key is named, and nothing is written with it', async () => {
    unwrap(await t.ledger.commitSettlement(sampleCommit()));
    const wrong = await t.reopen({ auditKey: randomBytes(32) });
    const verdict = await wrong.verifyLedger();
    expect(verdict).toMatchObject({ ok: false });
    expect(verdict.problems[0]).toBe('审计密钥与台账不符（不是写入本台账审计链的那把密钥）');
    const before = await t.raw.count('audit_log');
    await expect(wrong.commitSettlement(sampleCommit())).rejects.toMatchObject({
      code: 'audit-key-unusable',
      message: expect.stringMatching(/^审计密钥与台账不符.*台账暂停写入，请联系信息科$/),
    });
    expect(await t.raw.count('audit_log')).toBe(before);
    expect(await t.raw.count('settlements')).toBe(1);
    expect(await t.ledger.verifyLedger()).toMatchObject({ ok: true });
  });

  it('a ledger written before the key: old rows verify unkeyed up to the marker, keyed and covered from there on', async () => {
    const old = await tempLedger({ dialect, auditKey: null });
    // (SQLite: no key given, so the default file beside the ledger.)
    const keyed = dialect === 'postgres' ? keyOptions(dialect) : { auditKey: undefined };
    try {
      const before = unwrap(await old.ledger.commitSettlement(sampleCommit())).settlementId;
      expect(await old.ledger.verifyLedger()).toMatchObject({ ok: true, keyed: false, coveredRows: 2 });
      const upgraded = await old.reopen(keyed);
      unwrap(await upgraded.commitSettlement(sampleCommit()));
      expect(await upgraded.verifyLedger()).toMatchObject({ ok: true, keyed: true, coveredRows: 4, problems: [] });
      const [marker] = await upgraded.audit.list({ action: 'audit.keyed' });
      expect(marker!.detail).toEqual({ coveredFrom: { settlements: 1, reversals: 0, settlement_events: 1 } });
      // Opening again keys nothing twice.
      expect(await (await old.reopen(keyed)).verifyLedger()).toMatchObject({ ok: true });
      expect(await upgraded.audit.list({ action: 'audit.keyed' })).toHaveLength(1);
      expect((await upgraded.getSettlement(before))?.id).toBe(before);
    } finally {
      await old.close();
    }
  });
});

describe('tamper evidence on sqlite: the key file and rows written behind the program', () => {
  let t: TempLedger;
  beforeEach(async () => {
    t = await tempLedger();
  });
  afterEach(() => t.close());

  it('keeps the key in a 0600 file beside the ledger, not in it', async () => {
    const keyFile = auditKeyPathFor(t.path);
    expect(keyFile).toBe(join(t.path, '..', 'audit.key'));
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const key = readFileSync(keyFile, 'utf8').trim();
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(await t.raw.all('SELECT * FROM settings'))).not.toContain(key);
    expect(await t.ledger.verifyLedger()).toMatchObject({ ok: true, keyed: true });
  });

  it('a missing key file is named at the next start and not silently replaced', async () => {
    unwrap(await t.ledger.commitSettlement(sampleCommit()));
    rmSync(auditKeyPathFor(t.path));
    const again = await t.reopen();
    expect((await again.verifyLedger()).problems[0]).toBe(`审计密钥文件缺失：${auditKeyPathFor(t.path)}（请从备份恢复 audit.key，或联系信息科）`);
    await expect(again.commitSettlement(sampleCommit())).rejects.toMatchObject({ code: 'audit-key-unusable' });
    expect(existsSync(auditKeyPathFor(t.path))).toBe(false);
  });

  it('a key file with garbage in it is named', async () => {
    writeFileSync(auditKeyPathFor(t.path), 'not a key\n');
    const again = await t.reopen();
    expect((await again.verifyLedger()).problems[0]).toBe(`审计密钥文件 ${auditKeyPathFor(t.path)} 内容无效（应为 64 位十六进制）`);
  });

  it('finds a settlement row inserted without the program', async () => {
    const { settlementId } = unwrap(await t.ledger.commitSettlement(sampleCommit()));
    t.sql.exec(
      `CREATE TEMP TABLE copy AS SELECT * FROM settlements WHERE id = '${settlementId}'; UPDATE copy SET id = 'T01-20210315-000099'; INSERT INTO settlements SELECT * FROM copy;`,
    );
    expect((await t.ledger.verifyLedger()).problems).toEqual(['结算单 T01-20210315-000099 没有对应的审计记录（不是由本程序写入的）']);
  });
});
