import { randomUUID } from 'node:crypto';
import { copyFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../../shared/time';
import { DEFAULT_POLICY_DIR, loadPolicyLibrary } from '../../electron/policy';
import { settle } from '../../shared/engine';
import { loginDemo, startTestBackend, type TestBackend } from '../backend/helpers';

/**
 * Regions are data: a fifth region (test/regions/fixtures/CN-XX-TEST.yaml, a copy of Jiangmen's
 * shape under another id with other numbers, its own identity code and its own reports) added to
 * the shipped policy folder by a file alone is settled, printed and reported by the backend.
 */
const REGION = 'CN-XX-TEST';
const PERSON = { certno: '99010219600101002X', name: '样例人' };
const CERTIFICATE = 'YL2024000001';
/** Today: the reports go by business day, the monitoring list by settlement date within the year. */
const DATE = businessDate(new Date());
const LINES = [
  { code: 'R001', name: '挂号费', class: 'A', price: '10', qty: '1', kind: 'registration' },
  { code: 'D001', name: '样例药片', class: 'B', price: '200', qty: '2', selfPayRatio: '0.1', kind: 'drug', purchasePrice: '150' },
  { code: 'I001', name: '手术费', class: 'A', price: '3000', qty: '1', kind: 'item' },
  { code: 'M001', name: '自费材料', class: 'C', price: '500', qty: '1', kind: 'material' },
];

/** The shipped policy folder plus the fixture's file: nothing else is added anywhere. */
function policyFolderWith(region: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'onebill-policies-'));
  cpSync(DEFAULT_POLICY_DIR, dir, { recursive: true });
  copyFileSync(join(import.meta.dirname, 'fixtures', `${region}.yaml`), join(dir, `${region}.yaml`));
  return dir;
}

describe('a fifth region from a policy file alone', () => {
  let t: TestBackend;
  let policyDir: string;

  beforeAll(async () => {
    policyDir = policyFolderWith(REGION);
    t = await startTestBackend({ policyDir });
    await loginDemo(t, 'supervisor');
    const roster = `姓名,证件号码,身份类别,开始日期,结束日期,统筹区划,就医证号\n${PERSON.name},${PERSON.certno},9901,2024-01-01,,${REGION},${CERTIFICATE}\n`;
    await t.call('roster.import', { fileName: 'roster.csv', contentBase64: Buffer.from(roster).toString('base64'), region: REGION, rosterDate: '2024-01' });
  });
  afterAll(async () => {
    await t?.stop();
    rmSync(policyDir, { recursive: true, force: true });
  });

  async function commit() {
    const card = await t.call('card.fromTypedId', PERSON);
    const bill = await t.call('bill.import', {
      format: 'json',
      content: JSON.stringify({ title: '样例市 住院', visit: 'inpatient', date: DATE, patient: PERSON, lines: LINES }),
    });
    const person = await t.call('eligibility.resolve', { identity: card, date: DATE, visit: 'inpatient', offline: true });
    const committed = await t.call('settlement.commit', {
      attemptId: randomUUID(),
      eligibilityId: person.eligibilityId,
      certificate: CERTIFICATE,
      visit: 'inpatient',
      date: DATE,
      lines: bill.lines,
      billId: bill.billId,
    });
    return { person, committed };
  }

  it('settles with the region’s own numbers: its identity code, waiver, purchase price, split and fund share', async () => {
    const { person, committed } = await commit();
    expect(person.region).toBe(REGION);
    expect(person.identities).toEqual(['precision-target']);
    const amounts = committed.result.amounts;
    expect(committed.result.policyVersion).toBe(`${REGION}@2024-01-01`);
    // With Jiangmen's numbers the hospital would bear 20 % of 个人自费; here it bears the registration (10),
    // the purchase-price difference ((200 − 150) × 2) and 30 % of 个人自费 500.
    expect(amounts.hospitalShare).toBe('260.00');
    expect(amounts.total).toBe('3910.00');
    // Basic: (3270 − 600) × 60 % = 1602; assistance: (3270 + 30 − 1602) × 50 % = 849; the fund: 90 % of the 849 left + 70 % of 500.
    expect(amounts.basic).toBe('1602.00');
    expect(amounts.assistance).toBe('849.00');
    expect(amounts.povertyFund).toBe('1114.10');
    expect(amounts.patientCash).toBe('84.90');
    // The backend's settlement is the engine's over the same policy folder, to the fen.
    const engine = settle(
      {
        policy: REGION,
        date: DATE,
        visit: 'inpatient',
        hospital: { level: 3, referral: 'local' },
        person: { insurance: 'resident', identities: ['precision-target'], conditions: [], certificate: CERTIFICATE, ytd: {} },
        lines: LINES,
      },
      loadPolicyLibrary({ dir: policyDir }),
    );
    expect(engine.ok && engine.value.amounts).toEqual(amounts);
  });

  it('prints the receipt with the region’s name and amounts', async () => {
    const { committed } = await commit();
    const html = (await t.call('receipt.preview', { settlementId: committed.id })).html as string;
    expect(html).toContain('测试省样例市');
    expect(html).toContain('1114.10');
    expect(html).toContain('260.00');
  });

  it('reports it: the reports its policy file declares, with the declared title and columns', async () => {
    const regional = await t.call('reports.regional');
    expect(regional).toContainEqual({ report: 'povertyFund', region: REGION, regionName: '测试省样例市', title: '样例市扶贫资金结算报表' });
    expect(regional).toContainEqual({ report: 'monitoringList', region: REGION, regionName: '测试省样例市', title: '样例市因病返贫监测名单' });
    expect(regional.filter((r: { region: string }) => r.region === REGION)).toHaveLength(2);

    const month = DATE.slice(0, 7);
    const doc = await t.call('reports.povertyFund', { month, region: REGION });
    expect(doc.title).toBe('样例市扶贫资金结算报表');
    const share = doc.tables[0];
    expect(share.columns.map((c: { label: string }) => c.label)).toEqual(['结算单号', '姓名', '证件号码', '个人自费', '精准扶贫资金', '医院承担']);
    expect(share.rows.length).toBeGreaterThanOrEqual(2);
    expect(share.rows[0][3]).toBe('500.00');
    expect(share.rows[0][5]).toBe('260.00');

    const monitoring = await t.call('reports.monitoringList', { year: Number(DATE.slice(0, 4)), region: REGION });
    expect(monitoring.title).toBe('样例市因病返贫监测名单');
    expect(monitoring.tables[0].rows.length).toBe(1);

    // A region that declares no such report is refused with a stable code, not an empty report.
    const refused = await t.backend.handle('reports.povertyFund', { month, region: 'CN-JL' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'report-not-declared' } });
  });
});
