import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginDemo, startTestBackend, type TestBackend } from './helpers';

describe('settlement uses the person context the backend resolved (eligibilityId)', () => {
  let t: TestBackend;
  let person: any;
  let bill: any;
  const request = (over: Record<string, unknown> = {}) => ({
    attemptId: randomUUID(),
    person,
    eligibilityId: person.eligibilityId,
    visit: 'inpatient',
    date: '2020-09-12',
    lines: bill.lines,
    ...over,
  });
  /** What a tampered window would send: no identities, a large ytd, another region. */
  const tampered = () => ({ ...person, identities: [], region: 'CN-GZ', ytd: { ...person.ytd, basicPaid: '99999.00' } });

  beforeAll(async () => {
    t = await startTestBackend();
    await loginDemo(t, 'cashier');
    await t.call('card.simulatorInsert', { card: 'chen-xiulan' });
    const card = await t.call('card.read');
    person = await t.call('eligibility.resolve', { identity: card, date: '2020-09-12', visit: 'inpatient' });
    bill = await t.call('bill.import', { demo: 'jm-inpatient-chen-xiulan' });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('answers an eligibilityId with the resolved context', () => {
    expect(person.eligibilityId).toMatch(/^[0-9a-f-]{36}$/);
    expect(person).toMatchObject({ identities: ['precision-target'], certificate: 'JM2019000123', region: 'CN-GD-JM' });
  });

  it('settles with the kept context whatever the window says, and says what differed', async () => {
    const honest = await t.call('settlement.preview', request());
    expect(honest).toMatchObject({ personSource: 'eligibility', warnings: [] });
    expect(honest.input).toMatchObject({ policy: 'CN-GD-JM', person: { identities: ['precision-target'], certificate: 'JM2019000123' }, ytd: person.ytd });

    const forged = await t.call('settlement.preview', request({ person: tampered() }));
    expect(forged.input).toEqual(honest.input);
    expect(forged.result.amounts).toEqual(honest.result.amounts);
    expect(forged.warnings).toEqual(['窗口提交的「统筹区、身份、本年累计」与资格核验结果不一致，已按核验结果结算']);
  });

  it.each([
    ['the same number, any case', 'jm2019000123', 'JM2019000123', []],
    ['not verified by the cashier', null, undefined, []],
    ['a different number', 'JM0000000001', undefined, ['提交的就医证号与核验结果不符，本次不按就医证结算']],
  ])('reads the 就医证 from the window only as the cashier’s check: %s', async (_label, typed, used, warnings) => {
    const preview = await t.call('settlement.preview', request({ person: { ...person, certificate: typed } }));
    expect(preview.input.person.certificate).toBe(used);
    expect(preview.warnings).toEqual(warnings);
  });

  it('refuses a preview or commit without an eligibilityId: the window cannot name the person', async () => {
    for (const op of ['settlement.preview', 'settlement.commit']) {
      const result = await t.backend.handle(op, request({ eligibilityId: undefined, person: { ...tampered(), identities: ['extreme-poverty'] } }));
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-argument', details: [{ path: 'eligibilityId' }] } });
    }
  });

  it('reads the 就医证 from the top-level certificate too (person left out)', async () => {
    const preview = await t.call('settlement.preview', request({ person: undefined, certificate: 'JM2019000123' }));
    expect(preview.input.person.certificate).toBe('JM2019000123');
  });

  it.each([
    ['an unknown id', { eligibilityId: 'no-such-id' }, 'eligibility-expired', '资格核验已失效（已结算、已退出登录或超时），请重新读卡核验'],
    ['another settlement date', { date: '2020-09-13' }, 'eligibility-mismatch', '资格核验是按 2020-09-12 做的，与结算日期 2020-09-13 不一致，请按结算日期重新核验'],
  ])('refuses %s', async (_label, over, code, message) => {
    expect(await t.backend.handle('settlement.preview', request(over))).toEqual({ ok: false, error: { code, message } });
  });

  it('commits with the kept context, then the id is spent (the person’s ytd changed)', async () => {
    const committed = await t.call('settlement.commit', request({ person: tampered() }));
    expect(committed.personSource).toBe('eligibility');
    expect(committed.summary).toMatchObject({ patient: { certno: '440703195807120022', name: '陈秀兰' }, policy: { region: 'CN-GD-JM' } });
    const stored = await t.call('settlement.get', { id: committed.id });
    expect(stored.input.person.identities).toEqual(['precision-target']);
    expect(stored.input.ytd).toEqual(person.ytd);
    expect(await t.backend.handle('settlement.commit', request())).toMatchObject({ ok: false, error: { code: 'eligibility-expired' } });

    const again = await t.call('eligibility.resolve', { identity: await t.call('card.read'), date: '2020-09-12', visit: 'inpatient' });
    expect(again.eligibilityId).not.toBe(person.eligibilityId);
    // Online: the bureau's figures plus this terminal's settlement the bureau has not acknowledged yet.
    expect(again.ytd.basicPaid).toBe(committed.result.amounts.basic);
    expect(again.provenance.find((p: any) => p.field === 'ytd').detail).toBe('本年累计来自医保中心，加上本院尚未上传的结算');
  });

  it('does not let another login use a kept context', async () => {
    person = await t.call('eligibility.resolve', { identity: await t.call('card.read'), date: '2020-09-12', visit: 'inpatient' });
    await t.call('auth.login', { username: 'cashier', password: 'cashier-pass-2026' });
    expect(await t.backend.handle('settlement.preview', request())).toMatchObject({ ok: false, error: { code: 'eligibility-expired' } });
  });

  it('forgets every kept context at logout', async () => {
    person = await t.call('eligibility.resolve', { identity: await t.call('card.read'), date: '2020-09-12', visit: 'inpatient' });
    expect((await t.backend.handle('settlement.preview', request())).ok).toBe(true);
    await t.call('auth.logout');
    await t.call('auth.login', { username: 'cashier', password: 'cashier-pass-2026' });
    expect(await t.backend.handle('settlement.preview', request())).toMatchObject({ ok: false, error: { code: 'eligibility-expired' } });
  });
});
