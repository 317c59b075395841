import { describe, expect, it } from 'vitest';
import { CardIdentitySchema, DEMO_CARDHOLDERS, ok } from '../../shared/card';
import { encodeApdu, statusWordError, transmit, type ApduExchange } from '../../electron/card/apdu';
import { createSsseChip } from '../../electron/card/sim/ssse-card';
import { findSimCard, type SimCard } from '../../electron/card/sim/sim-cards';
import { readSocialSecurityCard } from '../../electron/card/ssse';

function chipExchange(card: SimCard): { exchange: ApduExchange; sent: string[]; atr: Buffer } {
  const chip = createSsseChip(card);
  const sent: string[] = [];
  const exchange: ApduExchange = async (apdu) => {
    sent.push(apdu.toString('hex').toUpperCase());
    return ok(chip.transmit(apdu));
  };
  return { exchange, sent, atr: chip.atr };
}

const card = (key: string): SimCard => {
  const found = findSimCard(key);
  if (!found) throw new Error(key);
  return found;
};

describe('APDU encoding (T=0)', () => {
  it.each([
    ['case 1: P3 = 00', { cla: 0, ins: 0xa4, p1: 0, p2: 0 }, '00A4000000'],
    ['case 2: Le', { cla: 0, ins: 0xb2, p1: 0x08, p2: 0, le: 0x14 }, '00B2080014'],
    ['case 2: Le 256 written 00', { cla: 0, ins: 0xc0, p1: 0, p2: 0, le: 256 }, '00C0000000'],
    ['case 3: Lc + data', { cla: 0, ins: 0xa4, p1: 2, p2: 0, data: Buffer.from('EF05', 'hex') }, '00A4020002EF05'],
    ['case 4: Lc + data + Le (the T=0 quirk)', { cla: 0, ins: 0x88, p1: 0, p2: 0, data: Buffer.from('0102', 'hex'), le: 0x10 }, '0088000002010210'],
  ])('%s', (_name, apdu, hex) => {
    expect(encodeApdu(apdu).toString('hex').toUpperCase()).toBe(hex);
  });
});

describe('status words', () => {
  it('follows 61xx with GET RESPONSE and 6Cxx by resending with the right Le', async () => {
    const script: Record<string, string> = {
      '00B2090000': '6C20',
      '00B2090020': '6110',
      '00C0000010': `${'41'.repeat(16)}9000`,
    };
    const sent: string[] = [];
    const exchange: ApduExchange = async (apdu) => {
      const hex = apdu.toString('hex').toUpperCase();
      sent.push(hex);
      return ok(Buffer.from(script[hex] ?? '6F00', 'hex'));
    };
    const result = await transmit(exchange, { cla: 0, ins: 0xb2, p1: 0x09, p2: 0, le: 0 });
    expect(sent).toEqual(['00B2090000', '00B2090020', '00C0000010']);
    expect(result).toEqual({ ok: true, value: { data: Buffer.alloc(16, 0x41), sw: 0x9000 } });
  });

  it.each([
    [0x6a82, 'card-file-not-found', '卡内文件未找到（SW=6A82）'],
    [0x6a83, 'card-record-not-found', '卡内记录未找到（SW=6A83）'],
    [0x6982, 'card-needs-psam', '此卡需在配有PSAM卡的读卡器上读取（安全状态不满足）（SW=6982）'],
    [0x9303, 'card-locked', '社保卡应用已锁定，请持卡人到社保经办机构处理（SW=9303）'],
    [0x6f00, 'card-error', '卡片返回错误（SW=6F00）'],
  ])('maps %s to %s', (sw, code, message) => {
    expect(statusWordError(sw)).toEqual({ code, message });
  });
});

describe('SSSE application', () => {
  it('sends exactly the APDUs of the spec, in order', async () => {
    const { exchange, sent, atr } = chipExchange(card('chen-xiulan'));
    await readSocialSecurityCard(exchange, atr, '2026-01-01');
    expect(sent).toEqual([
      '00A404000F7378312E73682EC9E7BBE1B1A3D5CF',
      '00C0000013',
      '00A4020002EF05',
      '00B2010012',
      '00B2020003',
      '00B2030006',
      '00B204000E',
      '00B2050006',
      '00B2060006',
      '00B207000B',
      '00A4020002EF06',
      '00B2080014',
      '00B2090020',
      '00B20A0003',
      '00B20B0003',
      '00B20C0005',
      '00B20D0006',
      '00B24E0016',
    ]);
  });

  it('skips the name extension on a 1.00 card', async () => {
    const { exchange, sent, atr } = chipExchange(card('zhang-fusheng'));
    expect((await readSocialSecurityCard(exchange, atr, '2026-01-01')).ok).toBe(true);
    expect(sent).not.toContain('00B24E0016');
  });

  it('reads every demo cardholder into a whole identity', async () => {
    for (const person of DEMO_CARDHOLDERS) {
      const { exchange, atr } = chipExchange(card(person.key));
      const result = await readSocialSecurityCard(exchange, atr, '2026-01-01');
      if (!result.ok) throw new Error(`${person.name}: ${result.error.message}`);
      expect(CardIdentitySchema.parse(result.value)).toEqual(result.value);
      expect(result.value).toMatchObject({
        source: 'social-security-card',
        mdtrt_cert_type: '03',
        mdtrt_cert_no: person.cardNo,
        certno: person.certno,
        name: person.name,
        cardNo: person.cardNo,
        cardSn: person.cardSn,
        region: person.certno.slice(0, 6),
        expired: false,
      });
    }
  });

  it('gives 陈秀兰 exactly these fields', async () => {
    const { exchange, atr } = chipExchange(card('陈秀兰'));
    expect(await readSocialSecurityCard(exchange, atr, '2026-01-01')).toEqual({
      ok: true,
      value: {
        source: 'social-security-card',
        mdtrt_cert_type: '03',
        mdtrt_cert_no: 'K44070012',
        certno: '440703195807120022',
        name: '陈秀兰',
        sex: 'female',
        birthDate: '1958-07-12',
        ethnicity: '01',
        region: '440703',
        cardNo: 'K44070012',
        cardSn: '440703D15600000519000123FFFFFFFF',
        validFrom: '2019-03-15',
        validTo: '2029-03-15',
        expired: false,
        socialSecurityCard: {
          cardType: '3',
          specVersion: '3.00',
          initOrg: '440703000000000000000001',
          birthplace: '440703',
          atr: '3B6C00000A3F84535343415244000000',
        },
        idCard: null,
      },
    });
  });

  it('appends the GBK name extension (tag 4E) to a long name', async () => {
    const { exchange, atr } = chipExchange(card('long-name'));
    const result = await readSocialSecurityCard(exchange, atr, '2026-01-01');
    expect(result.ok && result.value.name).toBe('阿卜杜热合曼·买买提艾力·阿不都克力木');
  });

  it('reads an expired card and flags it', async () => {
    const { exchange, atr } = chipExchange(card('expired'));
    const result = await readSocialSecurityCard(exchange, atr, '2026-01-01');
    expect(result.ok && [result.value.name, result.value.validTo, result.value.expired]).toEqual(['王建国', '2020-06-01', true]);
  });

  it.each([
    ['psam', 'card-needs-psam'],
    ['locked', 'card-locked'],
    ['not-ssse', 'card-not-ssse'],
    ['bad-certno', 'certno-check-digit'],
  ])('refuses the %s card with %s and no identity', async (key, code) => {
    const { exchange, atr } = chipExchange(card(key));
    const result = await readSocialSecurityCard(exchange, atr, '2026-01-01');
    expect(result.ok ? result.value : result.error.code).toBe(code);
  });
});
