import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleCommit } from '../../tools/fixtures';
import { DIALECTS, tempLedger, unwrap, type TempLedger } from './helpers';

describe.each(DIALECTS)('ledger on %s', (dialect) => {
  let t: TempLedger;
  beforeEach(async () => {
    t = await tempLedger({ dialect });
  });
  afterEach(async () => t.close());

  const PERSON = '520102196503150017';
  const OTHER = '522627197209080047';

  describe('ytdFor', () => {
    beforeEach(async () => {
      t.clock.set(2021, 3, 20);
      const commit = async (o: Parameters<typeof sampleCommit>[0]) => unwrap(await t.ledger.commitSettlement(sampleCommit({ certno: PERSON, ...o }))).settlementId;
      // Inpatient 2020-12-30: last year, never counted for 2021.
      await commit({ date: '2020-12-30', amounts: { total: '1000.00', inscope: '1000.00', basic: '700.00', patientCash: '300.00' } });
      // Inpatient 2021-01-10: preselfpay 50, inscope 900, ownpay 50 → copay1 = 50 + 900 − 600 = 350.
      await commit({
        date: '2021-01-10',
        amounts: {
          total: '1000.00',
          ownpay: '50.00',
          preselfpay: '50.00',
          inscope: '900.00',
          basic: '600.00',
          catastrophic: '10.01',
          assistance: '239.99',
          patientCash: '150.00',
        },
      });
      // Chronic outpatient in February and March: selfPaid (ownpay + overlimit) counts toward monthSelfPaid of its month.
      await commit({
        date: '2021-02-05',
        visit: 'chronic-outpatient',
        amounts: { total: '300.00', ownpay: '20.00', overlimit: '10.00', inscope: '270.00', basic: '175.50', patientCash: '124.50' },
      });
      await commit({
        date: '2021-03-02',
        visit: 'chronic-outpatient',
        amounts: { total: '200.00', ownpay: '12.34', inscope: '187.66', basic: '122.00', patientCash: '78.00' },
      });
      // Outpatient 2021-03-05: its copay1 (80.00) does not count toward 大病.
      await commit({ date: '2021-03-05', visit: 'outpatient', amounts: { total: '160.00', inscope: '160.00', basic: '80.00', patientCash: '80.00' } });
      // Someone else.
      await commit({ certno: OTHER, date: '2021-03-05', amounts: { total: '999.00', inscope: '999.00', basic: '999.00', patientCash: '0.00' } });
    });

    it('sums this year with exact amounts', async () => {
      expect(await t.ledger.ytdFor(PERSON, 2021)).toEqual({
        basicPaid: '977.50', // 600 + 175.50 + 122 + 80
        catastrophicBase: '510.16', // 350 (inpatient) + 94.50 + 65.66 (chronic outpatient copay1), outpatient excluded
        catastrophicPaid: '10.01',
        assistancePaid: '239.99',
        chainDeductiblePaid: '0.00',
        personalPaid: '432.50', // 150 + 124.50 + 78 + 80
        monthSelfPaid: '12.34', // March (today), chronic outpatient only
      });
      expect(await t.ledger.ytdFor(PERSON, 2020)).toMatchObject({ basicPaid: '700.00', personalPaid: '300.00', catastrophicBase: '300.00', monthSelfPaid: '0.00' });
      expect((await t.ledger.ytdFor('000000000000000000', 2021)).basicPaid).toBe('0.00');
    });

    it('answers as of a past date: only settlements dated before it, month of that date', async () => {
      expect(await t.ledger.ytdFor(PERSON, 2021, '2021-02-28')).toEqual({
        basicPaid: '775.50',
        catastrophicBase: '444.50',
        catastrophicPaid: '10.01',
        assistancePaid: '239.99',
        chainDeductiblePaid: '0.00',
        personalPaid: '274.50',
        monthSelfPaid: '30.00',
      });
      expect(await t.ledger.ytdFor(PERSON, 2021, '2021-01-10')).toMatchObject({ basicPaid: '0.00', monthSelfPaid: '0.00' });
    });

    it('tells apart what the bureau has not acknowledged yet', async () => {
      const ids = (await t.ledger.listSettlements({ patient: PERSON, to: '2021-12-31' })).filter((s) => s.date.startsWith('2021-0')).map((s) => [s.date, s.id] as const);
      const acked = ids.filter(([date]) => date === '2021-01-10' || date === '2021-03-05').map(([, id]) => ({ settlementId: id, status: 'acked' as const }));
      unwrap(await t.ledger.markOutbox(acked));
      expect(await t.ledger.ytdNotUploaded(PERSON, 2021)).toEqual({
        basicPaid: '297.50',
        catastrophicBase: '160.16',
        catastrophicPaid: '0.00',
        assistancePaid: '0.00',
        chainDeductiblePaid: '0.00',
        personalPaid: '202.50',
        monthSelfPaid: '12.34',
      });
      expect((await t.ledger.ytdFor(PERSON, 2021)).basicPaid).toBe('977.50');
    });

    it('nets a reversal out of the year of the original settlement', async () => {
      const febId = (await t.ledger.listSettlements({ patient: PERSON })).find((s) => s.date === '2021-02-05')!.id;
      unwrap(await t.ledger.reverseSettlement(febId, { supervisorId: 'supervisor', reason: '重复结算' }));
      expect(await t.ledger.ytdFor(PERSON, 2021)).toMatchObject({ basicPaid: '802.00', catastrophicBase: '415.66', personalPaid: '308.00' });
      expect((await t.ledger.ytdFor(PERSON, 2021, '2021-02-28')).monthSelfPaid).toBe('0.00');
    });
  });
});
