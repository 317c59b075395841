// npm run ledger:migrate: a one-window site's SQLite ledger of 10,000 settlements moved into the
// hospital's PostgreSQL ledger (the test server), run twice; and a server holding other rows
// under the same ids refused, nothing written.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditKeyPathFor, openLedger, openPostgresEngine, transferLedger, type Ledger } from '../../electron/ledger';
import { inOrder, tempDir, tempSchema, testClock, unwrap } from './helpers';
import { sampleCommit } from '../../tools/fixtures';

const SETTLEMENTS = 10_000;
const run = promisify(execFile);
const dir = tempDir('onebill-transfer-');
const path = join(dir.dir, 'ledger.sqlite');
const clock = testClock();
const ids: string[] = [];
let schema: Awaited<ReturnType<typeof tempSchema>>;
const urlOf = (s: { url: string; schema: string }) => `${s.url}?options=${encodeURIComponent(`-c search_path=${s.schema}`)}`;

const PEOPLE = ['520102196503150017', '522627197209080047', '520102198002020010', '440703195807120022'];

beforeAll(async () => {
  const ledger = await openLedger({ path, bulkFill: true, now: clock.now });
  await ledger.ensureDemoOperators();
  for (let i = 0; i < SETTLEMENTS; i++) {
    if (i % 400 === 0) clock.tick(86_400_000);
    clock.tick(1000);
    const id = unwrap(await ledger.commitSettlement({ ...sampleCommit({ certno: PEOPLE[i % PEOPLE.length], lines: 1 + (i % 4) }), attemptId: `a-${i}` })).settlementId;
    ids.push(id);
  }
  // Some of everything: reversals, receipts, the queue in every state, a claim, a day close.
  for (const id of ids.filter((_, i) => i % 1000 === 7)) unwrap(await ledger.reverseSettlement(id, { supervisorId: 'supervisor', reason: '收费错误' }));
  for (const id of ids.slice(0, 50)) await ledger.recordPrint(id, `/receipts/${id}.pdf`, 'cashier');
  unwrap(await ledger.markOutbox(ids.slice(0, 3000).map((settlementId) => ({ settlementId, status: 'acked' as const, bureauSetlId: `S${settlementId}` }))));
  unwrap(await ledger.markOutbox([{ settlementId: ids[3000]!, status: 'rejected', error: '证件号码未参保' }]));
  await ledger.claimOutbox({ claimant: 'T01', limit: 5 });
  unwrap(
    await ledger.recordDayClose({ day: '2021-03-16', operatorId: 'cashier', closedBy: 'supervisor' }, async () => ({
      settlementCount: 400,
      reversalCount: 0,
      totalFen: 123_456,
      cashFen: 23_456,
      summary: { note: '示例' },
      audit: {},
    })),
  );
  await ledger.close();
  schema = await tempSchema();
}, 600_000);
afterAll(async () => {
  await schema?.drop();
  dir.remove();
});

async function bothSides<T>(fn: (ledger: Ledger) => Promise<T>): Promise<[T, T]> {
  const local = await openLedger({ path, now: clock.now });
  // The server's windows name the moved file's audit key (its chain is keyed with it).
  const server = await openLedger({
    engine: openPostgresEngine({ url: schema.url, schema: schema.schema }),
    now: clock.now,
    terminalId: 'T09',
    machineId: 'pc-check',
    auditKeyFile: auditKeyPathFor(path),
  });
  try {
    return [await fn(local), await fn(server)];
  } finally {
    await local.close();
    await server.close();
  }
}

describe('npm run ledger:migrate (SQLite → PostgreSQL)', () => {
  it(
    `copies ${SETTLEMENTS.toLocaleString('en')} settlements with ids, amounts, events, outbox states and the audit chain; a second run copies nothing`,
    { timeout: 600_000 },
    async () => {
      const first = await run(process.execPath, ['--import', 'tsx', 'tools/ledger-migrate.ts', '--from', path, '--to', urlOf(schema)], { cwd: process.cwd() });
      expect(first.stdout).toContain('逐表核对行数与金额合计一致');
      expect(first.stdout).toMatch(new RegExp(`settlements\\t本机 ${SETTLEMENTS + 10}\\t复制 ${SETTLEMENTS + 10}\\t已有 0`));
      expect(first.stdout).not.toContain(':@'); // no password-shaped URL echoed

      const [local, server] = await bothSides(async (l) => ({
        count: await l.countSettlements({}),
        outbox: await l.outboxCounts(),
        audit: await l.verifyAuditChain(),
        // Keyed chain, every settlement, reversal and status row against it, the day-close anchor.
        verdict: await l.verifyLedger().then((v) => ({ ok: v.ok, keyed: v.keyed, coveredRows: v.coveredRows, problems: v.problems })),
        ytd: await inOrder(PEOPLE, (p) => l.ytdFor(p, 2021)),
        sample: await inOrder([ids[0]!, ids[7]!, ids[4321]!, ids.at(-1)!], async (id) => l.getSettlement(id)),
        page: (await l.listSettlements({ limit: 20, offset: 5000 })).map((s) => s.id),
        rejected: await l.outboxRejected(),
        closes: await l.dayCloses('cashier'),
        prints: await l.receiptPrints(ids[0]!),
      }));
      expect(server).toEqual(local);
      expect(server.count).toBe(SETTLEMENTS + 10);
      expect(server.audit).toMatchObject({ ok: true });
      expect(server.verdict).toEqual({ ok: true, keyed: true, coveredRows: 2 * SETTLEMENTS + 3 * 10, problems: [] });
      expect(server.outbox).toMatchObject({ acked: 3000, rejected: 1, sent: 5 });

      // The server's identities carry on after the copied ids; its new settlements follow in commit order.
      const [, next] = await bothSides(async (l) => (l.dialect === 'postgres' ? unwrap(await l.commitSettlement(sampleCommit())).settlementId : ''));
      expect(next).toMatch(/^T09-/);

      // Run again: nothing to copy, everything verified.
      const second = await transferLedger({ from: path, to: openPostgresEngine({ url: schema.url, schema: schema.schema }) }).catch((e: unknown) => e);
      expect(second).toMatchObject({ copied: 0 });
      const report = second as Awaited<ReturnType<typeof transferLedger>>;
      expect(report.tables.find((t) => t.table === 'settlements')).toEqual({ table: 'settlements', source: SETTLEMENTS + 10, copied: 0, present: SETTLEMENTS + 10 });
    },
  );

  it('refuses a server that holds different rows under the same ids (Chinese message, stable code), writing nothing', { timeout: 300_000 }, async () => {
    const busy = await tempSchema();
    try {
      const other = await openLedger({
        engine: openPostgresEngine({ url: busy.url, schema: busy.schema }),
        now: testClock().now,
        terminalId: 'T01',
        machineId: 'pc-other',
      });
      await other.ensureDemoOperators();
      unwrap(await other.commitSettlement(sampleCommit({ lines: 7 }))); // T01-20210315-000001, a different bill
      const counts = async () => [await other.countSettlements({}), (await other.outboxCounts()).total, await other.verifyAuditChain()];
      const before = await counts();
      const outcome = await run(process.execPath, ['--import', 'tsx', 'tools/ledger-migrate.ts', '--from', path, '--to', urlOf(busy)], { cwd: process.cwd() }).catch(
        (e: { code: number; stderr: string }) => e,
      );
      expect(outcome).toMatchObject({ code: 1, stderr: expect.stringContaining('（ledger-migrate-collision）') });
      expect((outcome as { stderr: string }).stderr).toContain('编号相同而内容不同');
      expect(await counts()).toEqual(before);
      await other.close();
    } finally {
      await busy.drop();
    }
  });
});
