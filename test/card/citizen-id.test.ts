import { describe, expect, it } from 'vitest';
import { CardIdentitySchema, DEMO_CARDHOLDERS, checkCitizenId, citizenIdCheckChar, identityFromEVoucher, identityFromTypedId } from '../../shared/card';

describe('GB 11643 check digit', () => {
  it.each([
    ['44070319580712002', '2'],
    ['52010219650315001', '7'],
    ['21010219600101003', '8'],
    ['11010519491231002', 'X'],
  ])('check character of %s is %s', (first17, check) => {
    expect(citizenIdCheckChar(first17)).toBe(check);
  });

  it.each<[string, { ok: true; value: string } | { ok: false; code: string }]>([
    ['440703195807120022', { ok: true, value: '440703195807120022' }],
    [' 11010519491231002x ', { ok: true, value: '11010519491231002X' }],
    ['440703195807120023', { ok: false, code: 'certno-check-digit' }],
    ['44070319580712002', { ok: false, code: 'certno-format' }],
    ['4407031958071200222', { ok: false, code: 'certno-format' }],
    ['44070319580712002A', { ok: false, code: 'certno-format' }],
    ['440703195802300022', { ok: false, code: 'certno-birth-date' }],
    ['', { ok: false, code: 'certno-format' }],
  ])('checkCitizenId(%j)', (input, expected) => {
    const result = checkCitizenId(input);
    if (expected.ok) expect(result).toEqual({ ok: true, value: expected.value });
    else expect(result.ok ? null : result.error.code).toBe(expected.code);
  });

  it('every demo cardholder has a valid ID number, a 9-character card number and a card region equal to the ID region', () => {
    for (const person of DEMO_CARDHOLDERS) {
      expect(checkCitizenId(person.certno), person.name).toEqual({ ok: true, value: person.certno });
      expect(person.cardNo, person.name).toMatch(/^[0-9A-Z]{9}$/);
      expect(person.cardSn.slice(0, 6), person.name).toBe(person.certno.slice(0, 6));
      expect(person.cardSn, person.name).toMatch(/^[0-9A-F]{32}$/);
    }
    expect(DEMO_CARDHOLDERS.find((p) => p.name === '陈秀兰')?.cardNo).toBe('K44070012');
  });
});

describe('typed ID number', () => {
  it('becomes an identity of type 02 with facts from the number', () => {
    const result = identityFromTypedId('520102196503150017');
    expect(result).toEqual({
      ok: true,
      value: {
        source: 'typed-id',
        mdtrt_cert_type: '02',
        mdtrt_cert_no: '520102196503150017',
        certno: '520102196503150017',
        name: null,
        sex: 'male',
        birthDate: '1965-03-15',
        ethnicity: null,
        region: '520102',
        cardNo: null,
        cardSn: null,
        validFrom: null,
        validTo: null,
        expired: false,
        socialSecurityCard: null,
        idCard: null,
      },
    });
    if (result.ok) expect(CardIdentitySchema.parse(result.value)).toEqual(result.value);
  });

  it('is refused with the check-digit message when one digit is mistyped', () => {
    expect(identityFromTypedId('520102196503150018')).toEqual({
      ok: false,
      error: { code: 'certno-check-digit', message: '身份证号码校验位不正确，请核对后重新输入' },
    });
  });
});

describe('e-voucher code', () => {
  it('is carried as mdtrt_cert_no with type 01 for the bureau to resolve', () => {
    const result = identityFromEVoucher(' 440000E1234567890ABCDEF \n');
    expect(result.ok && result.value).toMatchObject({
      source: 'e-voucher',
      mdtrt_cert_type: '01',
      mdtrt_cert_no: '440000E1234567890ABCDEF',
      certno: null,
      name: null,
    });
    if (result.ok) expect(CardIdentitySchema.parse(result.value)).toEqual(result.value);
  });

  it.each(['', '   ', 'A'.repeat(51), 'abc def', '医保码'])('refuses %j', (code) => {
    const result = identityFromEVoucher(code);
    expect(result.ok ? null : result.error.code).toBe('evoucher-invalid');
  });
});
