import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type BackendOptions } from '../../electron/backend';
import type { Dialect } from '../../electron/ledger';
import { loadSiteConfig } from '../../electron/site';
import { tempSchema } from '../ledger/helpers';
import { commitDemoSettlement, loginDemo, startTestBackend, type TestBackend } from './helpers';

/** SQLite in the data folder (key beside it), or a hospital PostgreSQL ledger whose site file names the shared key. */
async function terminal(
  dialect: Dialect,
): Promise<{ options: Partial<BackendOptions>; keyFile: (dir: string) => string; sql: (dir: string, statements: string[]) => Promise<void>; done: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    return {
      options: {},
      keyFile: (dir) => join(dir, 'audit.key'),
      sql: async (dir, statements) => {
        const raw = new Database(join(dir, 'ledger.db'));
        for (const s of statements) raw.exec(s);
        raw.close();
      },
      done: async () => undefined,
    };
  }
  const schema = await tempSchema();
  const keyFile = join(tmpdir(), `onebill-audit-${randomUUID()}.key`);
  const url = `${schema.url}?options=${encodeURIComponent(`-c search_path=${schema.schema}`)}`;
  const site = join(tmpdir(), `onebill-site-${randomUUID()}.yaml`);
  writeFileSync(
    site,
    `hospital: { code: H44070300001, name: 江门市蓬江区人民医院（演示）, level: 3 }\nregion: CN-GD-JM\nledger: { url: '${url}', auditKeyFile: '${keyFile}' }\nbureau: { mode: demo }\nterminalId: T01\n`,
  );
  return {
    options: { site: loadSiteConfig(site) },
    keyFile: () => keyFile,
    sql: async (_dir, statements) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      for (const s of statements) await client.query(s);
      await client.end();
    },
    done: async () => {
      rmSync(site, { force: true });
      rmSync(keyFile, { force: true });
      await schema.drop();
    },
  };
}

describe.each(['sqlite', 'postgres'] as const)('核验台账 on %s: verified at every start and on a supervisor’s request, the result shown', (dialect) => {
  let t: TestBackend;
  let setup: Awaited<ReturnType<typeof terminal>>;
  let settlementId: string;
  const restart = async () => {
    await t.backend.close();
    t.backend = await createBackend({ userDataDir: t.dir, shell: 'test', readerSimulator: { pace: false }, ...setup.options });
  };
  beforeAll(async () => {
    setup = await terminal(dialect);
    t = await startTestBackend(setup.options);
    await loginDemo(t, 'cashier', 'cashier-2026');
    settlementId = await commitDemoSettlement(t);
  });
  afterAll(async () => {
    await t?.stop();
    await setup?.done();
  });

  it('is a supervisor’s action; an untouched ledger verifies, keyed, with its settlement rows', async () => {
    expect(await t.backend.handle('ledger.verify', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await t.call('status.get')).ledgerCheck).toMatchObject({ ok: true, problems: [] });
    await loginDemo(t, 'supervisor', 'supervisor-2026');
    expect(await t.call('ledger.verify')).toMatchObject({ ok: true, keyed: true, coveredRows: 2, problems: [] });
  });

  it('the day close answers and prints the chain head', async () => {
    const day = await t.call('reports.dayClose', { day: '2020-09-12' });
    expect(day.auditHead).toMatchObject({ id: expect.any(Number), hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(day.document.notes).toContain(`本报表生成时台账审计链头：第 ${day.auditHead.id} 条 ${day.auditHead.hash}（审计记录只增不减，请与下次报表核对）`);
  });

  it('reports a settlement’s patient cash set to 0.01 behind the dropped trigger: in the answer, the status bar, and again at the next start', async () => {
    const drop = dialect === 'sqlite' ? 'DROP TRIGGER settlements_no_update' : 'DROP TRIGGER settlements_no_update ON settlements';
    await setup.sql(t.dir, [drop, `UPDATE settlements SET patient_cash_fen = 1 WHERE id = '${settlementId}'`]);
    const verdict = await t.call('ledger.verify');
    expect(verdict.ok).toBe(false);
    expect(verdict.problems[0]).toMatch(new RegExp(`^结算单 ${settlementId} 的存储内容与审计记录不符（记录被改动，审计第 \\d+ 条）$`));
    expect((await t.call('status.get')).ledgerCheck).toMatchObject({ ok: false, problems: [verdict.problems[0]] });

    await restart();
    expect(await t.backend.handle('status.get', {})).toMatchObject({ ok: true, value: { ledgerCheck: { ok: false, problems: [verdict.problems[0]] } } });
  });

  it('a missing key: the terminal still starts, says so, and writes nothing', async () => {
    rmSync(setup.keyFile(t.dir));
    await restart();
    const status = await t.backend.handle('status.get', {});
    expect(status).toMatchObject({ ok: true, value: { ledgerCheck: { ok: false } } });
    expect(status.ok && status.value.ledgerCheck?.problems[0]).toBe(`审计密钥文件缺失：${setup.keyFile(t.dir)}（请从备份恢复 audit.key，或联系信息科）`);
    const login = await t.backend.handle('auth.login', { username: 'supervisor', password: 'supervisor-2026' });
    expect(login).toMatchObject({ ok: false, error: { code: 'audit-key-unusable', message: expect.stringMatching(/^审计密钥文件缺失.*台账暂停写入，请联系信息科$/) } });
  });
});
