import { describe, expect, it } from 'vitest';
import { formatReadCardBas, identityFromReadCardBas } from '../../shared/card';

const SAMPLE = '440703|440703195807120022|K44070012|440703D15600000519000123FFFFFFFF|陈秀兰|3B6C00000A3F|3.00|20190315|20290315|000000000000|SIM01|';

describe('iReadCardBas string', () => {
  it('parses the 11 fields into a social-security-card identity', () => {
    expect(identityFromReadCardBas(SAMPLE, '2026-01-01')).toEqual({
      ok: true,
      value: {
        source: 'social-security-card',
        mdtrt_cert_type: '03',
        mdtrt_cert_no: 'K44070012',
        certno: '440703195807120022',
        name: '陈秀兰',
        sex: 'female',
        birthDate: '1958-07-12',
        ethnicity: null,
        region: '440703',
        cardNo: 'K44070012',
        cardSn: '440703D15600000519000123FFFFFFFF',
        validFrom: '2019-03-15',
        validTo: '2029-03-15',
        expired: false,
        socialSecurityCard: { cardType: '', specVersion: '3.00', initOrg: '', birthplace: null, atr: '3B6C00000A3F' },
        idCard: null,
      },
    });
  });

  it('flags a card past its expiry without refusing it', () => {
    const result = identityFromReadCardBas(SAMPLE, '2029-03-16');
    expect(result.ok && result.value.expired).toBe(true);
    expect(identityFromReadCardBas(SAMPLE, '2029-03-15').ok && identityFromReadCardBas(SAMPLE, '2029-03-15')).toMatchObject({
      value: { expired: false },
    });
  });

  it('accepts a trailing CR LF', () => {
    expect(identityFromReadCardBas(`${SAMPLE}\r\n`, '2026-01-01').ok).toBe(true);
  });

  it.each([
    [SAMPLE.slice(0, -1), 'readcardbas-invalid'],
    [`${SAMPLE}extra|`, 'readcardbas-invalid'],
    [SAMPLE.replace('440703195807120022', '440703195807120023'), 'certno-check-digit'],
    [SAMPLE.replace('|陈秀兰|', '||'), 'card-data-invalid'],
    [SAMPLE.replace('20290315', '20291315'), 'card-data-invalid'],
    [SAMPLE.replace(/^440703/, '44070X'), 'card-data-invalid'],
  ])('refuses a malformed string (%#)', (text, code) => {
    const result = identityFromReadCardBas(text, '2026-01-01');
    expect(result.ok ? null : result.error.code).toBe(code);
  });

  it('formats an identity back into the same string', () => {
    const parsed = identityFromReadCardBas(SAMPLE, '2026-01-01');
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(formatReadCardBas(parsed.value, { terminalNo: '000000000000', deviceNo: 'SIM01' })).toBe(SAMPLE);
  });
});
