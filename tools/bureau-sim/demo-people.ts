/**
 * The simulator's demo people: the six of bureau.md §5 (their card numbers come from the reader
 * simulator's shared/card/demo-cards) and a few more for the cases those six do not cover.
 * ID numbers carry valid check digits; all names and numbers are invented.
 */
import type { Condition } from '../../shared/engine';
import type { SimIdentityCode } from './identity-codes';

export interface DemoIdentity {
  code: SimIdentityCode;
  begntime: string;
  /** null: open-ended */
  endtime: string | null;
  /** Jiangmen: the 就医证 number travels in memo of the precision-target identity. */
  memo?: string;
}

export interface DemoPerson {
  psnNo: string;
  certno: string;
  name: string;
  /** 1 male, 2 female (GB/T 2261.1) */
  gend: '1' | '2';
  region: string;
  insuplcAdmdvs: string;
  identities: DemoIdentity[];
  /** Ours: carried in 1101 baseinfo.exp_content.conditions. */
  conditions: Condition[];
  /** psn_insu_stas (§17.5) and paus_insu_date when the insurance is not in force; default 1, open. */
  insurance?: { stas: '2' | '4'; pausedOn: string };
  /** 5206 figures from other hospitals before the simulator's own records, by year and Hunan-style code (§14.1). */
  ytd?: Record<number, Record<string, string>>;
}

const JM_PROGRAM = { begntime: '2019-01-01 00:00:00', endtime: '2020-12-31 23:59:59' };
const POOR_BEFORE_2021 = { begntime: '2016-01-01 00:00:00', endtime: '2020-12-31 23:59:59' };
const GZ_TRANSITION = { begntime: '2021-01-01 00:00:00', endtime: '2025-12-31 23:59:59' };

export const DEMO_PEOPLE: readonly DemoPerson[] = [
  {
    psnNo: '44070000000000000001',
    certno: '440703195807120022',
    name: '陈秀兰',
    gend: '2',
    region: 'CN-GD-JM',
    insuplcAdmdvs: '440700',
    identities: [{ code: '236004', ...JM_PROGRAM, memo: 'JM2019000123' }],
    conditions: [],
  },
  {
    psnNo: '52010000000000000002',
    certno: '520102196503150017',
    name: '王建国',
    gend: '1',
    region: 'CN-GZ',
    insuplcAdmdvs: '520100',
    identities: [{ code: '2303', ...GZ_TRANSITION }],
    conditions: [],
    ytd: { 2024: { Q0000: '600.00', D390101: '3000.00', TS390201: '2500.00', D610101: '700.00', C0000: '1' } },
  },
  {
    psnNo: '52260000000000000003',
    certno: '522627197209080047',
    name: '杨光英',
    gend: '2',
    region: 'CN-GZ',
    insuplcAdmdvs: '522600',
    identities: [{ code: '2304', ...GZ_TRANSITION }],
    conditions: [],
  },
  {
    psnNo: '21010000000000000004',
    certno: '210102196001010038',
    name: '张福生',
    gend: '1',
    region: 'CN-LN',
    insuplcAdmdvs: '210100',
    identities: [{ code: '2302', ...POOR_BEFORE_2021 }],
    conditions: ['critical-illness'],
    ytd: {
      2020: { Q0000: '900.00', D390101: '8000.00', TS390201: '6000.00', D390201: '0.00', D610101: '1200.00', C0000: '2' },
    },
  },
  {
    psnNo: '22010000000000000005',
    certno: '220102195506200029',
    name: '刘玉珍',
    gend: '2',
    region: 'CN-JL',
    insuplcAdmdvs: '220100',
    identities: [{ code: '2302', ...POOR_BEFORE_2021 }],
    conditions: [],
  },
  {
    psnNo: '52010000000000000006',
    certno: '520102198002020010',
    name: '赵志强',
    gend: '1',
    region: 'CN-GZ',
    insuplcAdmdvs: '520100',
    identities: [],
    conditions: [],
  },
  // Beyond §5: extreme poverty in Liaoning and Jilin (open-ended), a Jiangmen precision target
  // without a 就医证, an unmapped code next to a mapped one, and an identity that has ended.
  {
    psnNo: '21010000000000000007',
    certno: '210102194803150025',
    name: '孙桂芝',
    gend: '2',
    region: 'CN-LN',
    insuplcAdmdvs: '210100',
    identities: [{ code: '2304', begntime: '2018-01-01 00:00:00', endtime: null }],
    conditions: [],
  },
  {
    psnNo: '22010000000000000008',
    certno: '220102195011220044',
    name: '李凤霞',
    gend: '2',
    region: 'CN-JL',
    insuplcAdmdvs: '220100',
    identities: [{ code: '2304', begntime: '2018-01-01 00:00:00', endtime: null }],
    conditions: [],
  },
  {
    psnNo: '44070000000000000009',
    certno: '440703196204180020',
    name: '黄淑贞',
    gend: '2',
    region: 'CN-GD-JM',
    insuplcAdmdvs: '440700',
    identities: [{ code: '236004', ...JM_PROGRAM }],
    conditions: [],
  },
  {
    psnNo: '52010000000000000010',
    certno: '520102197006060031',
    name: '吴德明',
    gend: '1',
    region: 'CN-GZ',
    insuplcAdmdvs: '520100',
    identities: [
      { code: '236001', ...GZ_TRANSITION },
      { code: '2308', ...GZ_TRANSITION },
    ],
    conditions: [],
  },
  {
    psnNo: '52010000000000000011',
    certno: '520102198810100027',
    name: '周丽娟',
    gend: '2',
    region: 'CN-GZ',
    insuplcAdmdvs: '520100',
    identities: [{ code: '2303', begntime: '2021-01-01 00:00:00', endtime: '2021-06-30 23:59:59' }],
    conditions: [],
  },
  // Known to the bureau, but the insurance ended (终止参保) on 2023-07-01.
  {
    psnNo: '52010000000000000012',
    certno: '520102197503030044',
    name: '钱淑芬',
    gend: '2',
    region: 'CN-GZ',
    insuplcAdmdvs: '520100',
    insurance: { stas: '4', pausedOn: '2023-07-01' },
    identities: [],
    conditions: [],
  },
];
