/**
 * The HIS file's admission context reaches the bureau: imported with the bill, kept with the
 * settlement, and sent in its 4101 settlement list; the simulator keeps the list it accepted.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTestBackend, billRequest } from './helpers';

const t = useTestBackend('cashier');

const admission = {
  caseNo: 'BA2020-0912',
  department: { code: '03', name: '内科' },
  diagnoses: [{ code: 'I63.900', name: '脑梗死', main: true, admissionCondition: '1' }],
  admittedAt: '2020-09-05 08:30',
  dischargedAt: '2020-09-12 10:00:00',
  admissionWay: '2',
  dischargeWay: '1',
  attendingDoctor: { code: 'D0012', name: '周医生' },
};

describe('4101 carries the HIS admission context', () => {
  it('refuses a malformed admission context at import, naming the field', async () => {
    const bad = JSON.stringify({ admission: { diagnoses: [{ code: '', name: '脑梗死' }] }, lines: [{ code: 'A1', name: '床位费', class: 'A', price: '40', qty: '3' }] });
    const answer = await t().backend.handle('bill.import', { format: 'json', content: bad, fileName: 'his.json' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'bill-invalid', details: [expect.objectContaining({ path: 'admission.diagnoses.0.code' })] } });
  });

  it('imports it with the bill, keeps it with the settlement and uploads it in the settlement list', async () => {
    await t().call('card.simulatorInsert', { card: 'chen-xiulan' });
    const card = await t().call('card.read', {});
    const person = await t().call('eligibility.resolve', { identity: card, date: '2020-09-12', visit: 'inpatient' });
    const content = JSON.stringify({
      visit: 'inpatient',
      date: '2020-09-12',
      patient: { certno: '440703195807120022', name: '陈秀兰' },
      admission,
      lines: [{ code: 'A1', name: '床位费', class: 'A', price: '40', qty: '3', kind: 'item' }],
    });
    const bill = await t().call('bill.import', { format: 'json', content, fileName: 'his.json' });
    expect(bill.admission).toMatchObject({ caseNo: 'BA2020-0912' });
    const committed = await t().call('settlement.commit', billRequest(person, bill));
    const run = await t().call('upload.now', { wait: true });
    expect(run).toMatchObject({ state: 'done', acked: 1, rejected: 0 });

    const sim = new Database(join(t().dir, 'bureau-sim.db'), { readonly: true });
    try {
      const row = sim.prepare('SELECT record, setl_list_id FROM settlement WHERE setl_id = ?').get(committed.id) as { record: string; setl_list_id: string };
      const list = JSON.parse(row.record);
      expect(list.setlinfo).toMatchObject({
        setl_id: committed.id,
        medcasno: 'BA2020-0912',
        adm_caty: '03',
        adm_time: '2020-09-05 08:30:00',
        dscg_way: '1',
        chfpdr_name: '周医生',
        wm_dise_code: 'I63.900',
        insuplc: '440700',
      });
      expect(list.diseinfo).toEqual([{ diag_type: '1', diag_code: 'I63.900', diag_name: '脑梗死', adm_cond_type: '1', maindiag_flag: '1' }]);
      expect(row.setl_list_id).toMatch(/^\d{30}$/);
    } finally {
      sim.close();
    }
  });

  it("names where the person is insured as the bureau answered (1101), not the policy region's code", async () => {
    // 陈秀兰 insured at the district (440703) the bureau names, inside the policy region (440700).
    const seed = new Database(join(t().dir, 'bureau-sim.db'));
    try {
      seed.prepare("UPDATE person SET insuplc_admdvs = '440703' WHERE certno = '440703195807120022'").run();
    } finally {
      seed.close();
    }
    await t().call('card.simulatorInsert', { card: 'chen-xiulan' });
    const card = await t().call('card.read', {});
    const person = await t().call('eligibility.resolve', { identity: card, date: '2020-09-12', visit: 'inpatient' });
    expect(person.insuplcAdmdvs).toBe('440703');
    const bill = await t().call('bill.import', {
      format: 'json',
      content: JSON.stringify({
        visit: 'inpatient',
        date: '2020-09-12',
        patient: { certno: '440703195807120022', name: '陈秀兰' },
        lines: [{ code: 'A1', name: '床位费', class: 'A', price: '40', qty: '2', kind: 'item' }],
      }),
      fileName: 'his.json',
    });
    const committed = await t().call('settlement.commit', billRequest(person, bill));
    expect(await t().call('upload.now', { wait: true })).toMatchObject({ state: 'done', rejected: 0 });
    const sim = new Database(join(t().dir, 'bureau-sim.db'), { readonly: true });
    try {
      const row = sim.prepare('SELECT record FROM settlement WHERE setl_id = ?').get(committed.id) as { record: string };
      expect(JSON.parse(row.record).setlinfo).toMatchObject({ setl_id: committed.id, insuplc: '440703' });
    } finally {
      sim.close();
    }
  });
});
