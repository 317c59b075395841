import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTestBackend } from './helpers';

const t = useTestBackend('supervisor');

describe('an offline settlement’s receipt', () => {
  it('says 离线结算, the roster date the identities came from, and that the year-to-date covers this hospital only', async () => {
    await t().call('roster.import', {
      fileName: 'roster-demo.csv',
      contentBase64: readFileSync(join(process.cwd(), 'resources/demo/roster-demo.csv')).toString('base64'),
      rosterDate: '2020-09',
    });
    const faultsUrl = new URL('/admin/faults', (await t().call('status.get')).bureau.url).href;
    const faults = (settings: object) => fetch(faultsUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(settings) });
    await t().call('card.simulatorInsert', { card: 'chen-xiulan' });
    const card = await t().call('card.read', {});
    const bill = await t().call('bill.import', { demo: 'jm-inpatient-chen-xiulan' });
    await faults({ failNext: 20, kinds: ['drop'], infnos: ['1101', '5206'] });
    let id: string;
    try {
      const person = await t().call('eligibility.resolve', { identity: card, date: bill.date, visit: bill.visit });
      expect(person.online).toBe(false);
      const committed = await t().call('settlement.commit', {
        attemptId: randomUUID(),
        eligibilityId: person.eligibilityId,
        certificate: person.certificate,
        visit: bill.visit,
        date: bill.date,
        lines: bill.lines,
        billId: bill.billId,
      });
      id = committed.id;
    } finally {
      await faults({ failNext: 0 });
    }
    const html = (await t().call('receipt.preview', { settlementId: id })).html;
    expect(html).toContain('离线结算');
    expect(html).toContain('人员身份依据2020-09 本地花名册；本年累计只含本院结算记录');
  });
});
