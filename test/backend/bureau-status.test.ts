import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reachabilityOf } from '../../electron/backend/bureau-service';
import { loginDemo, startTestBackend, type TestBackend } from './helpers';

const error = (code: string, message = '…') => ({ ok: false as const, error: { code: code as never, message, transient: true } });

describe('reachabilityOf: what a bureau call says about the connection', () => {
  it.each([
    ['an answer', { ok: true as const, value: {} }, { online: true, reason: null }],
    ['a refusal is still an answer', error('bureau-rejected'), { online: true, reason: null }],
    ['unreachable', error('bureau-unreachable', '无法连接医保中心'), { online: false, reason: '无法连接医保中心' }],
    ['timeout', error('bureau-timeout', '超时'), { online: false, reason: '超时' }],
    ['dropped', error('bureau-connection-dropped', '中断'), { online: false, reason: '中断' }],
    ['HTTP 502', error('bureau-http-error', 'HTTP 502'), { online: false, reason: 'HTTP 502' }],
    ['a malformed answer: no verdict', error('bureau-malformed'), null],
    ['an upload with an answered record', { outcomes: [{ setlId: 'a', status: 'stored' as const }], errors: [] }, { online: true, reason: null }],
    [
      'an upload that never got through',
      { outcomes: [{ setlId: 'a', status: 'pending' as const }], errors: [{ code: 'bureau-unreachable' as const, message: '无法连接', transient: true }] },
      { online: false, reason: '无法连接' },
    ],
  ])('%s', (_name, outcome, verdict) => expect(reachabilityOf(outcome)).toEqual(verdict));
});

describe('status.get follows real bureau calls, not only explicit checks', () => {
  let t: TestBackend;
  let faultsUrl: string;
  const faults = (settings: object) =>
    fetch(faultsUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(settings) }).then((r) => r.json());
  const bureauState = async () => {
    const { bureau, roster } = await t.call('status.get');
    return { online: bureau.online, reason: bureau.reason, rosterDate: bureau.rosterDate, checked: bureau.checkedAt !== null, rosterAsOf: roster.asOf };
  };
  const resolveYang = async () => {
    const card = await t.call('card.fromTypedId', { certno: '522627197209080047' });
    return t.call('eligibility.resolve', { identity: card, date: '2021-03-10', visit: 'inpatient' });
  };

  beforeAll(async () => {
    t = await startTestBackend();
    await loginDemo(t, 'supervisor');
    await t.call('roster.import', { path: `${process.cwd()}/resources/demo/roster-demo.csv`, rosterDate: '2021-03' });
    faultsUrl = new URL('/admin/faults', (await t.call('status.get')).bureau.url).href;
    // The start-up check runs in the background: let it land before the test sets the scene.
    while ((await t.call('status.get')).bureau.checkedAt === null) await new Promise((r) => setTimeout(r, 20));
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('a network-level failure of a real call → offline with the reason and the roster date', async () => {
    expect(await t.call('settings.testBureau', {})).toMatchObject({ ok: true });
    expect(await bureauState()).toEqual({ online: true, reason: null, rosterDate: null, checked: true, rosterAsOf: '2021-03' });

    await faults({ failNext: 50, kinds: ['drop'] });
    expect((await resolveYang()).online).toBe(false);
    const state = await bureauState();
    expect(state).toEqual({ online: false, reason: expect.stringContaining('与医保中心的连接中断'), rosterDate: '2021-03', checked: true, rosterAsOf: '2021-03' });
  });

  it('an explicit check that fails is offline with its reason; any successful call → online again', async () => {
    await faults({ failNext: 50, kinds: ['drop'] });
    expect(await t.call('settings.testBureau', {})).toMatchObject({ ok: false });
    expect(await bureauState()).toMatchObject({ online: false, reason: expect.stringContaining('与医保中心的连接中断'), rosterDate: '2021-03' });

    await faults({ failNext: 0 });
    expect((await resolveYang()).online).toBe(true);
    expect(await bureauState()).toEqual({ online: true, reason: null, rosterDate: null, checked: true, rosterAsOf: '2021-03' });
  });

  it('a person the bureau does not know is refused as not-insured (no roster fall-back); the light stays online', async () => {
    await faults({ failNext: 0 });
    const card = await t.call('card.fromTypedId', { certno: '110101199003070011' });
    const answer = await t.backend.handle('eligibility.resolve', { identity: card, date: '2021-03-10', visit: 'inpatient' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'not-insured', message: expect.stringContaining('未查询到参保人员信息') } });
    expect(await bureauState()).toMatchObject({ online: true, reason: null });
  });
});
