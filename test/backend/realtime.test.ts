/**
 * A `bureau.settlement: realtime` site through the backend's ops: F4 shows the centre's quotation
 * beside our own national settlement, F9 settles at the centre and stores its answer with ours in
 * one transaction; the fourth layer is computed on top of the centre's amounts.
 */
import { businessDate } from '../../shared/time';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { PAYER_FIELDS } from '../../shared/engine';
import { sum } from '../../shared/money';
import { patientBill, realtimeDemoSite, useTestBackend } from './helpers';

export const REALTIME_SITE = realtimeDemoSite({
  source: 'test-site.yaml',
  terminalId: 'RT01',
  timeoutMs: 5000,
  hospital: { code: 'H44070300001', name: '江门市蓬江区人民医院（演示）', level: 3 },
  region: 'CN-GD-JM',
});

const t = useTestBackend('cashier', { site: REALTIME_SITE });
const addsUp = (a: Record<string, string>) => sum(PAYER_FIELDS.map((f) => a[f]!)).eq(a.total!);

const CHEN = { card: 'chen-xiulan' };
const CHEN_DISCHARGE = { demo: 'jm-inpatient-chen-xiulan' };
const ZHAO = { certno: '520102198002020010', name: '赵志强' };
const ZHAO_OUTPATIENT = {
  visit: 'outpatient',
  date: '2023-07-02',
  patient: ZHAO,
  lines: [
    { code: 'XC08CAA001A001', name: '硝苯地平缓释片', class: 'A', price: '16.80', qty: '2', kind: 'drug' },
    { code: 'XA10BAA001B001', name: '二甲双胍缓释片', class: 'B', price: '22.50', qty: '1', selfPayRatio: '0.1', kind: 'drug' },
  ],
};

describe('real-time settlement through the backend', () => {
  it('F4: the centre and our engine side by side; F9: settled at the centre, stored with both, the fund on top', async () => {
    const { request } = await patientBill(t(), CHEN, CHEN_DISCHARGE);
    const preview = await t().call('settlement.preview', request);
    expect(preview.realtime).toMatchObject({ setlId: null, differences: [], summary: '医保中心结算与本地核算一致' });
    expect(preview.realtime.mdtrtId).toMatch(/^\d{16}$/);
    expect(preview.realtime.centre.basic).toBe(preview.realtime.local.basic);
    // The payable settlement takes the centre's three amounts and adds Jiangmen's fund and waivers.
    expect(preview.result.amounts.basic).toBe(preview.realtime.centre.basic);
    expect(Number(preview.result.amounts.povertyFund)).toBeGreaterThan(0);
    expect(addsUp(preview.result.amounts)).toBe(true);

    const committed = await t().call('settlement.commit', request);
    expect(committed.realtime.setlId).toMatch(/^\d{22}$/);
    expect(committed.result.amounts).toEqual(preview.result.amounts);
    const stored = await t().call('settlement.get', { id: committed.id });
    expect(stored.amounts).toEqual(preview.result.amounts);

    // The receipt names the centre's settlement and the amounts it decided.
    const { html } = await t().call('receipt.preview', { settlementId: committed.id });
    expect(html).toContain(`医保结算ID ${committed.realtime.setlId}`);
    expect(html).toContain(`基本医保 ${committed.realtime.centre.basic}`);

    // The same attempt again: the stored settlement with the centre's answer, nothing settled twice.
    const again = await t().call('settlement.commit', request);
    expect(again).toMatchObject({ id: committed.id, replayed: true, realtime: { setlId: committed.realtime.setlId } });
  });

  it('shows a planted one-fen difference by how much, without blocking the commit', async () => {
    const { request } = await patientBill(t(), CHEN, CHEN_DISCHARGE);
    await fetch(`${await simulatorBase()}/admin/realtime`, { method: 'POST', body: JSON.stringify({ plantFen: 1 }) });
    const preview = await t().call('settlement.preview', request);
    expect(preview.realtime.differences).toEqual([{ field: 'basic', label: '基本医保', difference: '0.01' }]);
    expect(preview.realtime.summary).toMatch(/基本医保相差 0\.01/);
    const committed = await t().call('settlement.commit', request);
    expect(committed.realtime.largest).toBe('0.01');
    expect(addsUp(committed.result.amounts)).toBe(true);
  });

  it('outpatient HIS bill: 2201 … 2206 on F4, 2207 on F9, the same two columns and the receipt', async () => {
    const { request } = await patientBill(t(), ZHAO, { json: ZHAO_OUTPATIENT });
    const preview = await t().call('settlement.preview', request);
    expect(preview.realtime).toMatchObject({ setlId: null, differences: [] });
    expect(preview.realtime.centre.total).toBe('56.10');
    const committed = await t().call('settlement.commit', request);
    expect(committed.realtime.setlId).toMatch(/^\d{22}$/);
    expect(committed.result.amounts).toEqual(preview.result.amounts);
    const { html } = await t().call('receipt.preview', { settlementId: committed.id });
    expect(html).toContain(`医保结算ID ${committed.realtime.setlId}`);
  });

  it('a patient insured elsewhere (异地): every real-time call names the area 1101 answered, not the policy region', async () => {
    // 杨光英 is insured at 黔东南 (522600); her policy region CN-GZ has the code 520100, the hospital is Jiangmen's.
    const { person, request } = await patientBill(t(), { card: 'yang-guangying' }, { demo: 'gz-inpatient-discharge' });
    expect(person.insuplcAdmdvs).toBe('522600');
    await t().call('settlement.preview', request);
    const committed = await t().call('settlement.commit', request);
    const requests = (await (await fetch(`${await simulatorBase()}/admin/requests`)).json()) as Array<{ infno: string; insuplcAdmdvs: string }>;
    const hers = requests.filter((r) => ['2401', '2301', '2402', '2303', '2304'].includes(r.infno)).slice(-5);
    expect(hers.map((r) => [r.infno, r.insuplcAdmdvs])).toEqual(['2401', '2301', '2402', '2303', '2304'].map((infno) => [infno, '522600']));
    expect(committed.realtime.setlId).toMatch(/^\d{22}$/);
  });

  it('night: one 4101 list per real-time settlement, keyed by the centre’s setl_id, then 3201 balances', async () => {
    const run = await t().call('upload.now', { wait: true });
    expect(run).toMatchObject({ state: 'done', acked: 4, rejected: 0 });
    const sim = new Database(join(t().dir, 'bureau-sim.db'), { readonly: true });
    try {
      const rows = sim.prepare("SELECT setl_id, setl_list_id FROM settlement WHERE fingerprint = 'realtime'").all() as Array<{
        setl_id: string;
        setl_list_id: string | null;
      }>;
      // The centre attached each list to the settlement it made; it settled nothing again.
      expect(rows).toHaveLength(4);
      for (const r of rows) expect(r.setl_list_id).toMatch(/^\d{30}$/);
      expect((sim.prepare('SELECT COUNT(*) AS n FROM settlement').get() as { n: number }).n).toBe(4);
    } finally {
      sim.close();
    }
    const day = await t().call('reconcile.day', { date: businessDate(new Date()) });
    expect(day.balanced).toBe(true);
    expect(day.groups.map((g: { terminal: { count: number } }) => g.terminal.count)).toEqual([1, 3]);
  });
});

/** The in-process demo simulator's origin (status.get names the bureau URL). */
async function simulatorBase(): Promise<string> {
  const status = await t().call('status.get', {});
  const url = JSON.stringify(status).match(/http:\/\/127\.0\.0\.1:\d+/)?.[0];
  if (!url) throw new Error(`no simulator URL in status: ${JSON.stringify(status).slice(0, 300)}`);
  return url;
}
