import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useTestBackend, billRequest } from './helpers';

const t = useTestBackend('cashier');

async function chenXiulan(date = '2020-09-12', visit = 'inpatient') {
  await t().call('card.simulatorInsert', { card: 'chen-xiulan' });
  const card = await t().call('card.read', {});
  return t().call('eligibility.resolve', { identity: card, date, visit });
}

const hisFile = (over: Record<string, unknown>) =>
  JSON.stringify({
    visit: 'inpatient',
    date: '2020-09-12',
    patient: { certno: '440703195807120022', name: '陈秀兰' },
    lines: [{ code: 'A1', name: '床位费', class: 'A', price: '40', qty: '3', kind: 'item', priceCap: null }],
    ...over,
  });

describe('settling an imported bill', () => {
  it('refuses a bill filed for someone else and says whose bill it is', async () => {
    const person = await chenXiulan();
    const bill = await t().call('bill.import', { format: 'json', content: hisFile({ patient: { certno: '220102195506200029', name: '刘玉珍' } }), fileName: 'his.json' });
    const request = billRequest(person, bill);
    for (const op of ['settlement.preview', 'settlement.commit']) {
      const answer = await t().backend.handle(op, request);
      expect(answer).toMatchObject({ ok: false, error: { code: 'bill-patient-mismatch' } });
      if (answer.ok) continue;
      expect(answer.error.message).toContain('此费用单是 刘玉珍');
      expect(answer.error.message).toContain('当前患者是 陈秀兰');
    }
    expect((await t().call('settlement.list', {})).total).toBe(0);
  });

  it('settles the lines the backend imported, not the ones the window sends back, and reads null as absent', async () => {
    const person = await chenXiulan();
    const bill = await t().call('bill.import', { format: 'json', content: hisFile({}), fileName: 'his.json' });
    expect(bill.lines[0]).not.toHaveProperty('priceCap');
    const forged = [{ code: 'A1', class: 'A', price: '1', qty: '1' }];
    const preview = await t().call('settlement.preview', {
      attemptId: randomUUID(),
      certificate: person.certificate,
      eligibilityId: person.eligibilityId,
      visit: 'inpatient',
      date: '2020-09-12',
      lines: forged,
      billId: bill.billId,
    });
    expect(preview.result.amounts.total).toBe('120.00');
  });

  it('refuses a bill whose visit type differs from the settlement, naming both', async () => {
    const person = await chenXiulan();
    const bill = await t().call('bill.import', { format: 'json', content: hisFile({ visit: 'pharmacy' }), fileName: 'pharmacy.json' });
    const answer = await t().backend.handle('settlement.preview', billRequest(person, bill));
    expect(answer).toEqual({
      ok: false,
      error: { code: 'bill-visit-mismatch', message: '费用单的就诊类型是「药店购药」，本次结算是「住院」，两者不一致，不能结算；请按费用单的就诊类型结算' },
    });
  });

  it('refuses a settlement date after today', async () => {
    const person = await chenXiulan();
    const answer = await t().backend.handle('settlement.preview', {
      attemptId: randomUUID(),
      eligibilityId: person.eligibilityId,
      visit: 'inpatient',
      date: '2030-01-01',
      lines: [{ code: 'A1', class: 'A', price: '1', qty: '1' }],
    });
    expect(answer).toMatchObject({ ok: false, error: { code: 'future-date', message: expect.stringContaining('结算日期 2030-01-01 晚于今天') } });
    const card = await t().call('card.read', {});
    expect(await t().backend.handle('eligibility.resolve', { identity: card, date: '2030-01-01', visit: 'inpatient' })).toMatchObject({
      ok: false,
      error: { code: 'future-date' },
    });
  });

  it('carries a drug line purchase price through to the engine (Jiangmen: the difference is the hospital’s)', async () => {
    const person = await chenXiulan();
    const lines = [{ code: 'D1', name: '药', class: 'A', price: '50', qty: '2', kind: 'drug', purchasePrice: '40' }];
    const bill = await t().call('bill.import', { format: 'json', content: hisFile({ lines }), fileName: 'drugs.json' });
    const preview = await t().call('settlement.preview', billRequest(person, bill));
    expect(preview.input.lines[0].purchasePrice).toBe('40');
    expect(preview.result.amounts.total).toBe('100.00');
    expect(preview.result.amounts.hospitalShare).toBe('20.00');
  });
});
