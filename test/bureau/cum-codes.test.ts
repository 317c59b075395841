import { describe, expect, it } from 'vitest';
import { parseCumCode, readCumInfo, spellingFor, type CumRow } from '../../electron/bureau/cum-codes';
import { loadCumCodes } from '../../electron/bureau/cum-codes-file';

const file = loadCumCodes();
const hunan = spellingFor(file, 'CN-GZ');
const row = (cum_type_code: string, cum: string, year = '2024', insutype = '390'): CumRow => ({ insutype, year, cum_ym: '202403', cum_type_code, cum });

describe('5206 code grammar (§14.1)', () => {
  it.each([
    ['Q0000', 'Q0000', true, false],
    ['D390101_BIZ2101', 'D390101', false, false],
    ['Z0000_BIZ21_LAB101', 'Z0000', false, true],
    ['TS390201', 'TS390201', true, false],
    ['S310101BIZ21POLC002', 'S310101', false, false],
    ['S310301TREPOLPL01', 'S310301', false, false],
    ['D6101011', 'D6101011', true, false],
  ])('%s', (code, stem, plain, labelled) => expect(parseCumCode(code)).toEqual({ stem, plain, labelled }));

  it('refuses what is not in the grammar', () => expect(parseCumCode('basicPaid')).toBeNull());
});

describe('reading a 5206 answer', () => {
  it('Hunan style: the plain code wins over its per-med_type rows; other years and insutypes are left out; unknown codes are listed', () => {
    const reading = readCumInfo(
      [
        row('Q0000', '600.00'),
        row('D390101', '3000.00'),
        row('D390101_BIZ2101', '2000.00'),
        row('D390101_BIZ11', '1000.00'),
        row('D390201', '150.00'),
        row('TS390201', '2500.00'),
        row('D610101_BIZ2101', '300.00'),
        row('D610101_BIZ14', '400.00'),
        row('Z0000_BIZ2101_LAB101', '88.00'),
        row('C0000', '3'),
        row('D390101', '9999.00', '2023'),
        row('D310101', '5000.00', '2024', '310'),
        row('X12345', '1.00'),
        row('basicPaid', '7.00'),
      ],
      hunan,
      '390',
      2024,
    );
    expect(reading).toEqual({
      values: { deductiblePaid: '600.00', basicPaid: '3000.00', catastrophicPaid: '150.00', catastrophicBase: '2500.00', assistancePaid: '700.00' },
      unknown: [
        { code: 'X12345', cum: '1.00' },
        { code: 'basicPaid', cum: '7.00' },
      ],
      otherRows: 2,
    });
  });

  it('the second (XC) spelling, summing segments and per-visit deductibles', () => {
    const xc = spellingFor(file, 'CN-GZ', 'xc');
    const reading = readCumInfo(
      [
        row('Q1100', '10.00'),
        row('Q2100', '800.00'),
        row('S390101BIZ21POLC001', '4000.00'),
        row('S390101BIZ21POLC002', '1500.00'),
        row('D6101011', '321.00'),
        row('Q0001', '5.00'),
      ],
      xc,
      '390',
      2024,
    );
    expect(reading.values).toEqual({ deductiblePaid: '810.00', basicPaid: '5500.00', assistancePaid: '321.00' });
    expect(reading.unknown).toEqual([]);
  });
});
