import { describe, expect, it } from 'vitest';
import { useTestBackend } from './helpers';

const t = useTestBackend('cashier', { eligibilityDeadlineMs: 1500 });

async function faults(settings: object) {
  const url = new URL('/admin/faults', (await t().call('status.get')).bureau.url).href;
  await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(settings) });
}

describe('a slow bureau', () => {
  it('bounds the whole query and says what to do; 改用离线名单 answers from the roster without waiting', async () => {
    await t().call('card.simulatorInsert', { card: 'chen-xiulan' });
    const card = await t().call('card.read', {});
    await faults({ latencyMs: 4000, infnos: ['1101', '5206'] });
    try {
      const slow = await t().backend.handle('eligibility.resolve', { identity: card, date: '2020-09-12', visit: 'inpatient' });
      expect(slow).toEqual({ ok: false, error: { code: 'bureau-slow', message: '医保中心 2 秒未应答，请按「改用离线名单」按本地花名册结算，或稍后重试' } });

      // Asking the bureau would take 4 s and run into the 1.5 s deadline: an answer means it was not asked.
      const offline = await t().call('eligibility.resolve', { identity: card, date: '2020-09-12', visit: 'inpatient', offline: true });
      expect(offline).toMatchObject({ online: false, certno: '440703195807120022', psnNo: null });
      expect(offline.eligibilityId).toEqual(expect.any(String));
    } finally {
      await faults({ latencyMs: 0 });
    }
  });
});
