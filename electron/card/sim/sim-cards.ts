import { DEMO_CARDHOLDERS, citizenIdCheckChar, findDemoCardholder, type DemoCardholder } from '../../../shared/card';

/**
 * The cards the reader simulator can hold: one per demo person (bureau spec §5), readable both as
 * a social-security card (acr30) and as a resident ID card (idcard), plus a few faulty cards.
 */
export interface SimCard {
  key: string;
  holder: DemoCardholder;
  /** A 3.0 card refusing EF06 without PSAM authentication (6982). */
  requiresPsam?: boolean;
  /** SSSE application locked (9303 on SELECT). */
  locked?: boolean;
  /** Not a social-security card at all (6A82 on SELECT of the SSSE DDF). */
  notSsse?: boolean;
}

function holder(key: string): DemoCardholder {
  const found = findDemoCardholder(key);
  if (!found) throw new Error(`no demo cardholder ${key}`);
  return found;
}

const longNameFirst17 = '65010219900101123';
const LONG_NAME_HOLDER: DemoCardholder = {
  key: 'long-name',
  name: '阿卜杜热合曼·买买提艾力·阿不都克力木',
  certno: longNameFirst17 + citizenIdCheckChar(longNameFirst17),
  cardNo: 'K65010145',
  cardSn: '650102D15600000565000145FFFFFFFF',
  specVersion: '2.00',
  issueDate: '20200101',
  expiry: '20300101',
  ethnicity: '05',
  address: '新疆维吾尔自治区乌鲁木齐市天山区解放南路1号',
  idIssuer: '乌鲁木齐市公安局天山区分局',
  idValidFrom: '20150101',
  idValidTo: '20350101',
};

export const SPECIAL_SIM_CARDS: readonly SimCard[] = [
  {
    key: 'expired',
    holder: { ...holder('wang-jianguo'), issueDate: '20100601', expiry: '20200601', idValidFrom: '20000810', idValidTo: '20200810' },
  },
  { key: 'psam', holder: holder('chen-xiulan'), requiresPsam: true },
  { key: 'locked', holder: holder('yang-guangying'), locked: true },
  { key: 'not-ssse', holder: holder('zhao-zhiqiang'), notSsse: true },
  { key: 'bad-certno', holder: { ...holder('chen-xiulan'), certno: '440703195807120023' } },
  { key: 'long-name', holder: LONG_NAME_HOLDER },
];

export const SIM_CARDS: readonly SimCard[] = [...DEMO_CARDHOLDERS.map((h) => ({ key: h.key, holder: h })), ...SPECIAL_SIM_CARDS];

/** By key, Chinese name, ID number or card number; `none` (or empty) is an empty reader. */
export function findSimCard(query: string): SimCard | null | undefined {
  const q = query.trim();
  if (q === '' || q === 'none') return null;
  return SIM_CARDS.find((c) => c.key === q || c.holder.name === q || c.holder.certno === q || c.holder.cardNo === q);
}
