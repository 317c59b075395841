import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadPolicyLibrary } from '../../electron/policy';
import { PAYER_FIELDS, settle, type SettlementResult } from '../../shared/engine';
import { renderTraceStep } from '../../shared/labels';
import { dec, sum } from '../../shared/money';
import { caseFiles } from '../../tools/lib/case-file';

const library = loadPolicyLibrary();

function settled(input: unknown, mode?: Parameters<typeof settle>[2]): SettlementResult {
  const outcome = settle(input, library, mode);
  if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
  return outcome.value;
}

const addsUp = (r: SettlementResult) => sum(PAYER_FIELDS.map((f) => r.amounts[f])).eq(r.amounts.total);
const nationalOf = (r: SettlementResult) => ({ basic: r.amounts.basic, catastrophic: r.amounts.catastrophic, assistance: r.amounts.assistance });

const jiangmen = {
  policy: 'CN-GD-JM',
  date: '2020-05-05',
  visit: 'inpatient',
  hospital: { level: 2, referral: 'local' },
  person: { insurance: 'resident', identities: ['precision-target'], certificate: 'JM2020000001' },
  lines: [
    { code: 'R1', class: 'A', price: '10', qty: '1', kind: 'registration' },
    { code: 'A1', class: 'A', price: '1000', qty: '1' },
    { code: 'C1', class: 'C', price: '100', qty: '1' },
  ],
};

describe('engine modes (rule book §4.6)', () => {
  const cases = caseFiles(resolve(__dirname, '../cases')).map((f) => {
    const { expect: _e, ...input } = parse(readFileSync(f, 'utf8')) as Record<string, unknown>;
    return [basename(f), input] as const;
  });
  const settles = cases.filter(([, input]) => settle(input, library).ok);

  it.each(settles)('%s: the centre’s amounts given, the fourth layer on top, §1 holds', (_name, input) => {
    const centre = settled(input, { kind: 'national-only' });
    expect(addsUp(centre)).toBe(true);
    expect(centre.amounts.supplementary).toBe('0.00');
    expect(centre.amounts.povertyFund).toBe('0.00');
    const given = settled(input, { kind: 'national-given', amounts: nationalOf(centre) });
    expect(nationalOf(given)).toEqual(nationalOf(centre));
    expect(addsUp(given)).toBe(true);
    // Where no regional measure applies, the centre's settlement is the local one.
    const local = settled(input);
    if (local.trace.find((s) => s.layer === 'fourth-layer')?.applies === false && local.amounts.hospitalShare === '0.00' && local.amounts.discount === '0.00') {
      expect(given.amounts).toEqual(local.amounts);
    }
  });

  it('takes the local national amounts as given and gives back the local settlement', () => {
    const local = settled(jiangmen);
    const given = settled(jiangmen, { kind: 'national-given', amounts: nationalOf(local) });
    expect(given.amounts).toEqual(local.amounts);
    const basic = given.trace.find((s) => s.layer === 'basic')!;
    expect(basic).toMatchObject({ step: 'basic.centre', data: { field: 'hifp_pay' }, amount: local.amounts.basic });
    expect(renderTraceStep(basic).summary).toBe(`基本医保：医保中心结算 hifp_pay ${local.amounts.basic}`);
  });

  it('computes the Jiangmen fund and waiver on top of the centre, who paid on the waived line too', () => {
    const centre = settled(jiangmen, { kind: 'national-only' });
    // The centre knows no waiver: it settles the registration line as in scope.
    expect(centre.amounts.inscope).toBe('1010.00');
    const given = settled(jiangmen, { kind: 'national-given', amounts: nationalOf(centre) });
    expect(addsUp(given)).toBe(true);
    expect(given.amounts.patientCash).toBe('0.00');
    expect(dec(given.amounts.povertyFund).greaterThan(0)).toBe(true);
    expect(given.amounts.basic).toBe(centre.amounts.basic);
  });

  it('lets the centre’s payment on lines the region took off relieve the hospital first', () => {
    // Only a waived line: locally nothing is in scope, yet the centre paid 6.00 on it.
    const bill = { ...jiangmen, lines: [{ code: 'R1', class: 'A', price: '10', qty: '1', kind: 'registration' }] };
    const r = settled(bill, { kind: 'national-given', amounts: { basic: '6.00', catastrophic: '0', assistance: '0' } });
    expect(r.amounts).toMatchObject({ total: '10.00', basic: '6.00', hospitalShare: '4.00', patientCash: '0.00' });
    expect(addsUp(r)).toBe(true);
  });

  it('refuses centre amounts above the bill, or malformed ones, as invalid-input', () => {
    const over = settle(jiangmen, library, { kind: 'national-given', amounts: { basic: '2000', catastrophic: '0', assistance: '0' } });
    expect(over).toEqual({ ok: false, error: { code: 'invalid-input', message: '医保中心基金支付合计超过本单费用总额 1110.00' } });
    const bad = settle(jiangmen, library, { kind: 'national-given', amounts: { basic: '1.234', catastrophic: '0', assistance: '0' } });
    expect(bad).toEqual({ ok: false, error: { code: 'invalid-input', message: '医保中心基本医保支付最多2位小数：1.234' } });
  });
});
