import { afterEach, describe, expect, it } from 'vitest';
import { createUploader, reconcileDay, toSettlementList, type UploadProgress } from '../../electron/upload';
import { dec, formatMoney } from '../../shared/money';
import { inOrder, unwrap } from '../ledger/helpers';
import { PATIENTS, commitReal } from '../../tools/fixtures';
import { startHarness, type Harness } from './harness';
import Database from 'better-sqlite3';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const noWait = { sleep: async () => undefined, backoff: { maxAttempts: 4, baseMs: 1 } };

async function fill(harness: Harness, n: number): Promise<string[]> {
  const people = Object.values(PATIENTS);
  return inOrder(
    Array.from({ length: n }, (_, i) => i),
    async (i) => {
      harness.clock.tick(1000);
      return await commitReal(harness.ledger, people[i % people.length]!, {
        lines: [
          ['A', `${100 + i}.00`, '1'],
          ['C', '20.00', '1'],
        ],
      });
    },
  );
}

describe('uploader against the bureau simulator', () => {
  it('acknowledges every record, in batches of the configured size, with progress', async () => {
    h = await startHarness();
    const ids = await fill(h, 5);
    const progress: UploadProgress[] = [];
    const up = createUploader({ ledger: h.ledger, bureau: h.client, batchSize: 2, onProgress: (p) => progress.push(p), ...noWait });
    const run = await up.runOnce();
    expect(run).toMatchObject({ total: 5, sent: 5, acked: 5, rejected: 0, pending: 0, batches: 3, complete: true });
    expect(progress.map((p) => `${p.sent}/${p.total}`)).toEqual(['0/5', '2/5', '4/5', '5/5']);
    const stored = h.stored();
    expect([...stored.keys()].sort()).toEqual([...ids].sort());
    const box = h.outbox();
    for (const id of ids) expect(box[id]).toEqual({ status: 'acked', error: null, setlId: stored.get(id)!.setlListId });
    expect((await up.runOnce()).total).toBe(0);
  });

  it('sends a reversal as its own list naming the original, negated, and reconciliation balances', async () => {
    h = await startHarness();
    const [original, other] = await fill(h, 2);
    const reversal = unwrap(await h.ledger.reverseSettlement(original!, { supervisorId: 'supervisor', reason: '收费错误' })).settlementId;
    const run = await createUploader({ ledger: h.ledger, bureau: h.client, ...noWait }).runOnce();
    expect(run.acked).toBe(3);
    expect(h.stored().get(reversal)).toMatchObject({ count: 1, flag: '1', initId: original });
    const day = await reconcileDay({ ledger: h.ledger, bureau: h.client, date: '2021-03-15' });
    expect(day.balanced).toBe(true);
    expect(day.groups).toHaveLength(1);
    // the reversal cancels the original: only `other` remains in the sums, but three records count
    const o = (await h.ledger.getSettlement(other!))!;
    const fund = formatMoney(dec(o.amounts.basic).plus(o.amounts.catastrophic).plus(o.amounts.assistance).plus(o.amounts.supplementary).plus(o.amounts.povertyFund));
    expect(day.groups[0]!.terminal).toEqual({ count: 3, medfeeSumamt: o.amounts.total, fundPaySumamt: fund, acctPay: '0.00' });
    expect(fund).not.toBe('0.00');
    expect(day.groups[0]!.acknowledged).toEqual(day.groups[0]!.terminal);
  });

  it.each([
    ['http500', false],
    ['drop', false],
    ['malformed', false],
    ['drop', true],
    ['malformed', true],
  ] as const)('survives %s faults (afterProcessing %s): everything stored exactly once', async (kind, afterProcessing) => {
    h = await startHarness();
    const ids = await fill(h, 6);
    await h.faults({ failNext: 2, kinds: [kind], infnos: ['4101'], afterProcessing });
    const warnings: string[] = [];
    const up = createUploader({ ledger: h.ledger, bureau: h.client, batchSize: 3, logger: { info: () => undefined, warn: (m) => warnings.push(m) }, ...noWait });
    const run = await up.runOnce();
    expect(run).toMatchObject({ acked: 6, rejected: 0, pending: 0, complete: true });
    expect(warnings.filter((w) => w.includes('backing off'))).toHaveLength(2);
    const stored = h.stored();
    expect(ids.map((id) => stored.get(id)?.count)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(stored.size).toBe(6);
    expect((await reconcileDay({ ledger: h.ledger, bureau: h.client, date: '2021-03-15' })).balanced).toBe(true);
  });

  it('leaves a batch pending when the bureau stays down, and the next run finishes it', async () => {
    h = await startHarness();
    const ids = await fill(h, 4);
    await h.faults({ failNext: 4, kinds: ['http500'], infnos: ['4101'] });
    const up = createUploader({ ledger: h.ledger, bureau: h.client, batchSize: 2, ...noWait });
    const first = await up.runOnce();
    expect(first).toMatchObject({ complete: false, acked: 0, pending: 4, sent: 0 });
    expect(first.errors).toEqual(['交易4101：医保中心返回 HTTP 500']);
    expect(Object.values(h.outbox()).map((o) => o.status)).toEqual(['pending', 'pending', 'pending', 'pending']);
    const second = await up.runOnce();
    expect(second).toMatchObject({ complete: true, acked: 4 });
    expect(h.stored().size).toBe(ids.length);
  });

  it('keeps the bureau message of a rejected record for a person, and reconciliation lists it', async () => {
    h = await startHarness();
    const [good] = await fill(h, 1);
    h.clock.tick(1000);
    const stranger = { ...PATIENTS.zhao, certno: '520102199001010015', name: '钱未参', psnNo: '' };
    const refused = await commitReal(h.ledger, stranger);
    const up = createUploader({ ledger: h.ledger, bureau: h.client, ...noWait });
    const run = await up.runOnce();
    expect(run).toMatchObject({ acked: 1, rejected: 1, complete: true });
    expect(h.outbox()[refused]).toEqual({ status: 'rejected', error: '证件号码 520102199001010015 未参保', setlId: null });
    expect((await up.rejected()).map((r) => [r.id, r.error])).toEqual([[refused, '证件号码 520102199001010015 未参保']]);
    expect((await up.runOnce()).total).toBe(0); // rejected records wait for a person, they are not re-sent

    const day = await reconcileDay({ ledger: h.ledger, bureau: h.client, date: '2021-03-15' });
    expect(day.balanced).toBe(false);
    const g = day.groups[0]!;
    expect(g.terminal.count).toBe(2);
    expect(g.acknowledged.count).toBe(1);
    expect(g.bureauMessage).toContain('结算笔数 医院 2，中心 1');
    expect(g.differing.map((d) => [d.id, d.outboxStatus])).toEqual([[refused, 'rejected']]);
    // 3202 names it: only this hospital has it.
    expect(g.detail).toMatchObject({
      compared: 2,
      differences: [{ setlId: refused, stmtRslt: '2', patientName: '钱未参', centre: null, what: '医药机构有此结算，中心无记录' }],
    });
    expect(h.stored().has(good!)).toBe(true);
  });

  it('3202 lists each planted difference: another amount at the centre, one the centre lacks, one only the centre has', async () => {
    h = await startHarness();
    const [changed, missing, same] = await fill(h, 3);
    expect((await createUploader({ ledger: h.ledger, bureau: h.client, ...noWait }).runOnce()).acked).toBe(3);
    expect((await reconcileDay({ ledger: h.ledger, bureau: h.client, date: '2021-03-15' })).balanced).toBe(true);
    const centre = new Database(h.simDbPath);
    try {
      centre.prepare('UPDATE settlement SET medfee_sumamt = medfee_sumamt + 1 WHERE setl_id = ?').run(changed);
      centre.prepare('DELETE FROM settlement WHERE setl_id = ?').run(missing);
      const cols = (centre.prepare('PRAGMA table_info(settlement)').all() as Array<{ name: string }>).map((c) => c.name);
      const copy = cols.map((c) => (c === 'setl_id' ? "'CENTRE-ONLY-1'" : c === 'medins_setl_id' ? "'CENTRE-ONLY-1'" : c)).join(', ');
      centre.prepare(`INSERT INTO settlement (${cols.join(', ')}) SELECT ${copy} FROM settlement WHERE setl_id = ?`).run(same);
    } finally {
      centre.close();
    }
    const ours = async (id: string) => (await h!.ledger.getSettlement(id))!.amounts.total;
    const day = await reconcileDay({ ledger: h.ledger, bureau: h.client, date: '2021-03-15' });
    expect(day.balanced).toBe(false);
    const detail = day.groups[0]!.detail!;
    expect(detail.error).toBeUndefined();
    expect(detail.compared).toBe(4);
    const byId = Object.fromEntries(detail.differences.map((d) => [d.setlId, d]));
    expect(Object.keys(byId).sort()).toEqual(['CENTRE-ONLY-1', changed!, missing!].sort());
    expect(byId[changed!]).toMatchObject({
      stmtRslt: '3',
      ours: { total: await ours(changed!) },
      centre: { total: formatMoney(dec(await ours(changed!)).plus('0.01')) },
    });
    expect(byId[changed!]!.what).toBe(`医疗费总额 医药机构 ${await ours(changed!)}，中心 ${formatMoney(dec(await ours(changed!)).plus('0.01'))}`);
    expect(byId[missing!]).toMatchObject({ stmtRslt: '2', ours: { total: await ours(missing!) }, centre: null });
    expect(byId['CENTRE-ONLY-1']).toMatchObject({
      stmtRslt: '1',
      ours: null,
      patientName: null,
      centre: { total: await ours(same!) },
      what: '中心有此结算，医药机构明细中无',
    });
  });

  it("re-sends rows left 'sent' by a crash; the bureau acknowledges them without storing twice", async () => {
    h = await startHarness();
    const ids = await fill(h, 3);
    // The crash: the uploader marked the batch 'sent', the bureau stored it, the answer never reached the ledger.
    unwrap(await h.ledger.markOutbox(ids.map((settlementId) => ({ settlementId, status: 'sent' as const }))));
    const direct = await h.client.uploadSettlements(await inOrder(ids, async (id) => toSettlementList((await h!.ledger.getSettlement(id))!)));
    expect(direct.outcomes.map((o) => o.status)).toEqual(['stored', 'stored', 'stored']);
    const firstSetlIds = direct.outcomes.map((o) => o.setlListId);

    const run = await createUploader({ ledger: h.ledger, bureau: h.client, ...noWait }).runOnce();
    expect(run).toMatchObject({ total: 3, acked: 3 });
    const stored = h.stored();
    expect(ids.map((id) => stored.get(id)!.count)).toEqual([1, 1, 1]);
    expect(ids.map((id) => h!.outbox()[id]!.setlId)).toEqual(firstSetlIds);
  });
});
