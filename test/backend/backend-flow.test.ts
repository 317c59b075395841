import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from './helpers';

describe('backend end to end: login → card → eligibility → bill → preview → commit → reverse → list', () => {
  let t: TestBackend;
  /** What the ledger held when the shell's printer was called, per settlement id. */
  const seenAtPrint = new Map<string, { settlement: boolean; outbox: string | null }>();
  beforeAll(async () => {
    t = await startTestBackend({
      printReceipt: async ({ settlementId }) => {
        const db = new Database(join(t.dir, 'ledger.db'), { readonly: true });
        try {
          const settlement = db.prepare('SELECT 1 FROM settlements WHERE id = ?').get(settlementId) !== undefined;
          const outbox = (db.prepare('SELECT status FROM outbox WHERE settlement_id = ?').pluck().get(settlementId) as string | undefined) ?? null;
          seenAtPrint.set(settlementId, { settlement, outbox });
        } finally {
          db.close();
        }
      },
    });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('starts with no configuration: demo region, in-process bureau simulator, simulated reader', async () => {
    const status = await t.call('status.get');
    expect(status.session).toBeNull();
    expect(status.region).toBe('CN-GZ');
    expect(status.bureau.mode).toBe('demo');
    expect(status.bureau.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);
    expect(status.reader.driver).toBe('simulator');
    expect(status.outbox).toEqual({ pending: 0, sent: 0, acked: 0, rejected: 0 });
  });

  it('refuses everything but the public ops before login', async () => {
    expect(await t.backend.handle('bill.demoList', {})).toEqual({ ok: false, error: { code: 'not-logged-in', message: '请先登录' } });
  });

  it('forces a password change at the first login of a demo account', async () => {
    const session = await t.call('auth.login', { username: 'cashier', password: '123456' });
    expect(session.mustChangePassword).toBe(true);
    expect(session.operator).toEqual({ id: 'cashier', username: 'cashier', displayName: '收费员', role: 'cashier' });
    const blocked = await t.backend.handle('card.read', {});
    expect(blocked).toEqual({ ok: false, error: { code: 'password-change-required', message: '首次登录须先修改密码' } });
    const wrongOld = await t.backend.handle('auth.changePassword', { oldPassword: '654321', newPassword: 'cashier-pass-2026' });
    expect(wrongOld).toEqual({ ok: false, error: { code: 'bad-old-password', message: '原密码不正确', details: [{ path: 'oldPassword', message: '原密码不正确' }] } });
    const changed = await t.call('auth.changePassword', { oldPassword: '123456', newPassword: 'cashier-pass-2026' });
    expect(changed.mustChangePassword).toBe(false);
    await t.call('auth.logout');
    const again = await t.call('auth.login', { username: 'cashier', password: 'cashier-pass-2026' });
    expect(again.mustChangePassword).toBe(false);
  });

  it('rejects a wrong password with a Chinese message', async () => {
    const result = await t.backend.handle('auth.login', { username: 'cashier', password: 'wrong' });
    expect(result).toEqual({ ok: false, error: { code: 'operator-bad-credentials', message: '工号或密码错误' } });
    await t.call('auth.login', { username: 'cashier', password: 'cashier-pass-2026' });
  });

  let person: any;
  let bill: any;
  let settlementId: string;
  const attemptId = randomUUID();

  it('reads 陈秀兰 from the embedded reader simulator and resolves her against the bureau simulator', async () => {
    const sim = await t.call('card.simulatorInsert', { card: 'chen-xiulan' });
    expect(sim.inserted).toBe('chen-xiulan');
    const card = await t.call('card.read', {});
    expect(card).toMatchObject({ source: 'social-security-card', certno: '440703195807120022', name: '陈秀兰', cardNo: 'K44070012' });
    person = await t.call('eligibility.resolve', { identity: card, date: '2020-09-12', visit: 'inpatient' });
    expect(person).toMatchObject({
      certno: '440703195807120022',
      name: '陈秀兰',
      region: 'CN-GD-JM',
      insurance: 'resident',
      insutype: '390',
      identities: ['precision-target'],
      certificate: 'JM2019000123',
      online: true,
    });
    expect(person.provenance.find((p: any) => p.field === 'identities')).toMatchObject({ source: 'bureau' });
    expect(person.provenance.find((p: any) => p.field === 'region')).toMatchObject({ source: 'card' });
  });

  it('lists and imports the demo bills', async () => {
    const demos = await t.call('bill.demoList');
    expect(demos.map((d: any) => d.name)).toEqual(['gz-inpatient-discharge', 'gz-pharmacy-wang-jianguo', 'jm-inpatient-chen-xiulan', 'ln-inpatient-zhang-fusheng']);
    bill = await t.call('bill.import', { demo: 'jm-inpatient-chen-xiulan' });
    expect(bill).toMatchObject({ source: 'demo:jm-inpatient-chen-xiulan', visit: 'inpatient', date: '2020-09-12', total: '17587.80' });
    expect(bill.lines).toHaveLength(8);
  });

  it('previews with a trace and stores nothing', async () => {
    const preview = await t.call('settlement.preview', { attemptId, eligibilityId: person.eligibilityId, visit: 'inpatient', date: '2020-09-12', lines: bill.lines });
    expect(preview.input).toMatchObject({ policy: 'CN-GD-JM', hospital: { level: 3, referral: 'local' } });
    expect(preview.result.amounts.total).toBe('17587.80');
    expect(preview.result.trace.length).toBeGreaterThan(0);
    expect((await t.call('settlement.list')).total).toBe(0);
  });

  it('commits: the settlement and its outbox row are in SQLite before the receipt is rendered', async () => {
    const committed = await t.call('settlement.commit', {
      attemptId,
      eligibilityId: person.eligibilityId,
      visit: 'inpatient',
      date: '2020-09-12',
      lines: bill.lines,
      billSource: bill.source,
    });
    settlementId = committed.id;
    // The answer does not wait for the receipt: it names the PDF to come, settlement.receipt waits for it.
    expect(committed.receipt).toMatchObject({ pending: true, printed: false, warning: null });
    const receipt = await t.call('settlement.receipt', { id: committed.id });
    expect(receipt.pdfPath).toBe(committed.receipt.pdfPath);
    expect(committed.id).toMatch(/^T01-\d{8}-000001$/);
    expect(committed.summary).toMatchObject({ id: committed.id, status: 'settled', patient: { certno: '440703195807120022', name: '陈秀兰' } });
    expect(committed.result.amounts.total).toBe('17587.80');
    expect(existsSync(committed.receipt.pdfPath)).toBe(true);
    expect(receipt).toMatchObject({ printed: true, warning: null });
    // Another connection (the printer hook's) already saw the committed settlement and its outbox row.
    expect(seenAtPrint.get(committed.id)).toEqual({ settlement: true, outbox: 'pending' });
    expect(await t.call('outbox.status')).toEqual({ pending: 1, sent: 0, acked: 0, rejected: 0 });
  });

  it('reprints, counting the prints', async () => {
    const reprinted = await t.call('settlement.reprint', { id: settlementId });
    expect(reprinted.printCount).toBe(2);
    expect(reprinted.receipt.pdfPath).toMatch(/-reprint1\.pdf$/);
  });

  it('reverses only with a supervisor’s own credentials', async () => {
    const byCashier = await t.backend.handle('settlement.reverse', {
      id: settlementId,
      supervisor: { username: 'cashier', password: 'cashier-pass-2026' },
      reason: '录入错误',
    });
    expect(byCashier).toEqual({ ok: false, error: { code: 'forbidden', message: '冲销须由主管输入自己的工号和密码授权' } });
    const wrong = await t.backend.handle('settlement.reverse', { id: settlementId, supervisor: { username: 'supervisor', password: 'nope' }, reason: '录入错误' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'operator-bad-credentials' } });

    const initial = await t.backend.handle('settlement.reverse', { id: settlementId, supervisor: { username: 'supervisor', password: '123456' }, reason: '录入错误' });
    expect(initial).toEqual({ ok: false, error: { code: 'password-change-required', message: '主管须先登录并修改初始密码，才能授权冲销' } });
    await t.call('auth.login', { username: 'supervisor', password: '123456' });
    await t.call('auth.changePassword', { oldPassword: '123456', newPassword: 'supervisor-pass-2026' });
    await t.call('auth.login', { username: 'cashier', password: 'cashier-pass-2026' });

    const reversed = await t.call('settlement.reverse', {
      id: settlementId,
      supervisor: { username: 'supervisor', password: 'supervisor-pass-2026' },
      reason: '录入错误，重新结算',
    });
    expect(reversed.reversalId).toMatch(/^T01-\d{8}-000002$/);
    expect(reversed.original).toMatchObject({ id: settlementId, reversedBy: reversed.reversalId });
    const record = await t.call('settlement.get', { id: reversed.reversalId });
    expect(record).toMatchObject({ kind: 'reversal', reversesId: settlementId, reversal: { supervisorId: 'supervisor', reason: '录入错误，重新结算' } });
    expect(record.amounts.total).toBe('-17587.80');
  });

  it('lists and searches settlements', async () => {
    const all = await t.call('settlement.list');
    expect(all.total).toBe(2);
    expect((await t.call('settlement.list', { patient: '陈秀' })).total).toBe(2);
    expect((await t.call('settlement.list', { patient: '王建国' })).total).toBe(0);
    expect((await t.call('settlement.list', { minAmount: '10000' })).items.map((s: any) => s.id)).toEqual([settlementId]);
    expect((await t.call('settlement.list', { limit: 1, offset: 1 })).items).toHaveLength(1);
  });

  it('reports a missing settlement as not-found', async () => {
    expect(await t.backend.handle('settlement.get', { id: 'T01-20990101-000009' })).toEqual({
      ok: false,
      error: { code: 'not-found', message: '找不到结算单：T01-20990101-000009' },
    });
  });
});
