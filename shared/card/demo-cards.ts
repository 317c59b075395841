/**
 * The demo people's cards (bureau spec §5): the reader simulator holds these, and the bureau
 * simulator and demo roster know the same people. Names and numbers are invented; the ID numbers
 * carry valid check digits; each card's region is the first 6 digits of the ID number.
 * Only 陈秀兰's card number is given by the spec; the others follow its pattern. The last five are
 * the bureau simulator's further demo people.
 */
export interface DemoCardholder {
  /** ASCII handle for command lines: `--card chen-xiulan`. */
  key: string;
  name: string;
  certno: string;
  /** 社保卡号, 9 characters. */
  cardNo: string;
  /** 卡识别码, 32 hex digits: region + D156000005 + serial + FFFFFFFF padding. */
  cardSn: string;
  specVersion: '1.00' | '2.00' | '3.00';
  /** YYYYMMDD */
  issueDate: string;
  expiry: string;
  ethnicity: string;
  address: string;
  /** ID card 签发机关 and validity (YYYYMMDD, or 长期). */
  idIssuer: string;
  idValidFrom: string;
  idValidTo: string;
}

function sn(region: string, serial: string): string {
  return `${region}D156000005${serial}FFFFFFFF`;
}

export const DEMO_CARDHOLDERS: readonly DemoCardholder[] = [
  {
    key: 'chen-xiulan',
    name: '陈秀兰',
    certno: '440703195807120022',
    cardNo: 'K44070012',
    cardSn: sn('440703', '19000123'),
    specVersion: '3.00',
    issueDate: '20190315',
    expiry: '20290315',
    ethnicity: '01',
    address: '广东省江门市蓬江区白沙大道西1号',
    idIssuer: '江门市公安局蓬江分局',
    idValidFrom: '20180520',
    idValidTo: '长期',
  },
  {
    key: 'wang-jianguo',
    name: '王建国',
    certno: '520102196503150017',
    cardNo: 'K52010034',
    cardSn: sn('520102', '20000345'),
    specVersion: '2.00',
    issueDate: '20170601',
    expiry: '20370601',
    ethnicity: '01',
    address: '贵州省贵阳市南明区中华南路12号',
    idIssuer: '贵阳市公安局南明分局',
    idValidFrom: '20150810',
    idValidTo: '20350810',
  },
  {
    key: 'yang-guangying',
    name: '杨光英',
    certno: '522627197209080047',
    cardNo: 'K52262756',
    cardSn: sn('522627', '20000567'),
    specVersion: '2.00',
    issueDate: '20180110',
    expiry: '20380110',
    ethnicity: '12',
    address: '贵州省黔东南苗族侗族自治州天柱县凤城镇民主街8号',
    idIssuer: '天柱县公安局',
    idValidFrom: '20120305',
    idValidTo: '20320305',
  },
  {
    key: 'zhang-fusheng',
    name: '张福生',
    certno: '210102196001010038',
    cardNo: 'K21010078',
    cardSn: sn('210102', '21000789'),
    specVersion: '1.00',
    issueDate: '20150920',
    expiry: '20350920',
    ethnicity: '01',
    address: '辽宁省沈阳市和平区南京北街21号',
    idIssuer: '沈阳市公安局和平分局',
    idValidFrom: '20100115',
    idValidTo: '长期',
  },
  {
    key: 'liu-yuzhen',
    name: '刘玉珍',
    certno: '220102195506200029',
    cardNo: 'K22010091',
    cardSn: sn('220102', '22000901'),
    specVersion: '3.00',
    issueDate: '20200708',
    expiry: '20300708',
    ethnicity: '11',
    address: '吉林省长春市南关区人民大街3号',
    idIssuer: '长春市公安局南关分局',
    idValidFrom: '20160422',
    idValidTo: '长期',
  },
  {
    key: 'zhao-zhiqiang',
    name: '赵志强',
    certno: '520102198002020010',
    cardNo: 'K52010103',
    cardSn: sn('520102', '20001030'),
    specVersion: '3.00',
    issueDate: '20210301',
    expiry: '20310301',
    ethnicity: '01',
    address: '贵州省贵阳市南明区花果园大街5号',
    idIssuer: '贵阳市公安局南明分局',
    idValidFrom: '20200606',
    idValidTo: '20400606',
  },
  // Beyond §5: the bureau simulator's further demo people, so that each of them has a card too.
  {
    key: 'sun-guizhi',
    name: '孙桂芝',
    certno: '210102194803150025',
    cardNo: 'K21010112',
    cardSn: sn('210102', '21001120'),
    specVersion: '2.00',
    issueDate: '20160412',
    expiry: '20360412',
    ethnicity: '11',
    address: '辽宁省沈阳市和平区十一纬路6号',
    idIssuer: '沈阳市公安局和平分局',
    idValidFrom: '20080301',
    idValidTo: '长期',
  },
  {
    key: 'li-fengxia',
    name: '李凤霞',
    certno: '220102195011220044',
    cardNo: 'K22010134',
    cardSn: sn('220102', '22001340'),
    specVersion: '2.00',
    issueDate: '20170925',
    expiry: '20370925',
    ethnicity: '10',
    address: '吉林省长春市南关区自由大路9号',
    idIssuer: '长春市公安局南关分局',
    idValidFrom: '20090612',
    idValidTo: '长期',
  },
  {
    key: 'huang-shuzhen',
    name: '黄淑贞',
    certno: '440703196204180020',
    cardNo: 'K44070156',
    cardSn: sn('440703', '19001560'),
    specVersion: '3.00',
    issueDate: '20190420',
    expiry: '20290420',
    ethnicity: '01',
    address: '广东省江门市蓬江区跃进路15号',
    idIssuer: '江门市公安局蓬江分局',
    idValidFrom: '20120716',
    idValidTo: '长期',
  },
  {
    key: 'wu-deming',
    name: '吴德明',
    certno: '520102197006060031',
    cardNo: 'K52010178',
    cardSn: sn('520102', '20001780'),
    specVersion: '2.00',
    issueDate: '20180808',
    expiry: '20380808',
    ethnicity: '09',
    address: '贵州省贵阳市南明区遵义路27号',
    idIssuer: '贵阳市公安局南明分局',
    idValidFrom: '20110909',
    idValidTo: '20310909',
  },
  {
    key: 'zhou-lijuan',
    name: '周丽娟',
    certno: '520102198810100027',
    cardNo: 'K52010190',
    cardSn: sn('520102', '20001900'),
    specVersion: '3.00',
    issueDate: '20220110',
    expiry: '20320110',
    ethnicity: '01',
    address: '贵州省贵阳市南明区新华路40号',
    idIssuer: '贵阳市公安局南明分局',
    idValidFrom: '20180303',
    idValidTo: '20380303',
  },
];

/** Finds a demo cardholder by key, Chinese name, ID number or card number. */
export function findDemoCardholder(query: string): DemoCardholder | undefined {
  const q = query.trim();
  return DEMO_CARDHOLDERS.find((p) => p.key === q || p.name === q || p.certno === q || p.cardNo === q);
}
