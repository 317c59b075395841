import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadPolicyLibrary } from '../../electron/policy';
import { CONDITIONS, IDENTITIES, LINE_KINDS, PAYER_FIELDS, type SettlementResult, settle } from '../../shared/engine';
import { dec } from '../../shared/money';

const library = loadPolicyLibrary();

const decimalText = (maxInt: number, decimals: number) =>
  fc.tuple(fc.integer({ min: 0, max: maxInt }), fc.integer({ min: 0, max: 10 ** decimals - 1 })).map(([i, f]) => `${i}.${String(f).padStart(decimals, '0')}`);

const line = fc.record(
  {
    code: fc.constantFrom('A1', 'B2', 'C3', 'D4'),
    class: fc.constantFrom('A', 'B', 'C'),
    price: decimalText(5000, 4),
    qty: decimalText(20, 2),
    selfPayRatio: decimalText(0, 2),
    priceCap: decimalText(5000, 2),
    kind: fc.constantFrom(...LINE_KINDS),
    excessive: fc.constantFrom('personal', 'hospital'),
    specificDrug: fc.boolean(),
    prescribedAtLevel: fc.constantFrom(1, 2, 3),
  },
  { requiredKeys: ['code', 'class', 'price', 'qty', 'selfPayRatio'] },
);

const ytd = fc.record({
  basicPaid: decimalText(260000, 2),
  catastrophicBase: decimalText(300000, 2),
  catastrophicPaid: decimalText(310000, 2),
  assistancePaid: decimalText(60000, 2),
  chainDeductiblePaid: decimalText(1000, 2),
  personalPaid: decimalText(20000, 2),
  monthSelfPaid: decimalText(12000, 2),
});

const regionDate = fc.oneof(
  fc.record({ policy: fc.constant('CN-GZ'), date: fc.constantFrom('2021-01-01', '2023-06-15', '2025-12-31') }),
  fc.record({ policy: fc.constant('CN-JL'), date: fc.constantFrom('2019-01-01', '2020-07-01', '2022-03-03') }),
  fc.record({ policy: fc.constant('CN-LN'), date: fc.constantFrom('2018-09-20', '2020-12-31', '2021-01-01') }),
  fc.record({ policy: fc.constant('CN-GD-JM'), date: fc.constantFrom('2019-01-01', '2020-05-05', '2023-01-01') }),
);

const bill = fc
  .record({
    where: regionDate,
    visit: fc.constantFrom('inpatient', 'chronic-outpatient', 'outpatient', 'pharmacy'),
    level: fc.constantFrom(1, 2, 3),
    referral: fc.constantFrom('local', 'referred', 'unreferred'),
    identities: fc.subarray([...IDENTITIES]),
    conditions: fc.subarray([...CONDITIONS]),
    certificate: fc.constantFrom('', 'JM2019000123'),
    ytd,
    lines: fc.array(line, { minLength: 1, maxLength: 12 }),
  })
  .map((b) => ({
    policy: b.where.policy,
    date: b.where.date,
    visit: b.visit,
    hospital: { level: b.level, referral: b.referral },
    person: { insurance: 'resident', identities: b.identities, conditions: b.conditions, certificate: b.certificate },
    ytd: b.ytd,
    lines: b.lines,
  }));

type Bill = typeof bill extends fc.Arbitrary<infer T> ? T : never;

function settled(input: Bill): SettlementResult {
  const outcome = settle(input, library);
  if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
  return outcome.value;
}

function amount(r: SettlementResult, field: keyof SettlementResult['amounts']) {
  return dec(r.amounts[field]);
}

function paramsOf(input: Bill) {
  const lookup = library.versionOn(input.policy, input.date);
  if (!lookup.ok) throw new Error('no version');
  return lookup.version.insurance.resident!;
}

describe('engine invariants on random bills', () => {
  it('the layers add up to the total to the fen, every term ≥ 0', () => {
    fc.assert(
      fc.property(bill, (input) => {
        const r = settled(input);
        const sum = PAYER_FIELDS.reduce((acc, f) => acc.plus(amount(r, f)), dec(0));
        expect(sum.toFixed(2)).toBe(r.amounts.total);
        for (const value of Object.values(r.amounts)) expect(dec(value).isNegative() && !dec(value).isZero()).toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  it('no layer pays more than its base, and caps and limits are never exceeded', () => {
    fc.assert(
      fc.property(bill, (input) => {
        const r = settled(input);
        const p = paramsOf(input);
        const basic = amount(r, 'basic');
        const copay1 = amount(r, 'preselfpay').plus(amount(r, 'inscope')).minus(basic);
        const copay2 = copay1.minus(amount(r, 'catastrophic'));
        const copay3 = copay2.minus(amount(r, 'assistance'));
        expect(basic.lessThanOrEqualTo(amount(r, 'inscope'))).toBe(true);
        expect(amount(r, 'catastrophic').lessThanOrEqualTo(copay1)).toBe(true);
        expect(amount(r, 'assistance').lessThanOrEqualTo(copay2)).toBe(true);
        expect(amount(r, 'povertyFund').lessThanOrEqualTo(copay3.plus(r.selfPaid))).toBe(true);

        const basicRoom = dec(p.basic.annualCap.value).minus(input.ytd.basicPaid);
        expect(basic.lessThanOrEqualTo(basicRoom.isNegative() ? 0 : basicRoom)).toBe(true);
        const assistanceRoom = dec(p.assistance.annualLimit.value).minus(input.ytd.assistancePaid);
        expect(amount(r, 'assistance').lessThanOrEqualTo(assistanceRoom.isNegative() ? 0 : assistanceRoom)).toBe(true);
        const tilted = p.catastrophic.tilt && input.person.identities.some((id) => p.catastrophic.tilt!.identities.value.includes(id as never));
        const cap = p.catastrophic.annualCap.value;
        if (cap !== null && !(tilted && p.catastrophic.tilt!.removeCap.value)) {
          const room = dec(cap).minus(input.ytd.catastrophicPaid);
          expect(amount(r, 'catastrophic').lessThanOrEqualTo(room.isNegative() ? 0 : room)).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('a larger ytd never yields a larger payment from a capped layer', () => {
    const pairs: Array<['basicPaid' | 'catastrophicPaid' | 'assistancePaid' | 'catastrophicBase', 'basic' | 'catastrophic' | 'assistance']> = [
      ['basicPaid', 'basic'],
      ['catastrophicPaid', 'catastrophic'],
      ['assistancePaid', 'assistance'],
    ];
    fc.assert(
      fc.property(bill, decimalText(100000, 2), fc.constantFrom(...pairs), (input, extra, [ytdField, layer]) => {
        const before = settled(input);
        const more = { ...input, ytd: { ...input.ytd, [ytdField]: dec(input.ytd[ytdField]).plus(extra).toFixed(2) } };
        const after = settled(more);
        expect(amount(after, layer).lessThanOrEqualTo(amount(before, layer))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
