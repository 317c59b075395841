/** Eligibility against the real simulator over loopback, with in-memory roster and ledger fakes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseIdentity, type CardIdentity } from '../../shared/card/identity';
import type { Ytd } from '../../shared/engine/schema';
import { certificateRuleOf, EligibilityResolver, type BureauPort, type LocalYtdSource, type RosterLookup, type RosterMatch } from '../../electron/eligibility';
import { library, startHarness, type Harness } from '../bureau/helpers';
import { spellingFor } from '../../electron/bureau/cum-codes';
import { loadCumCodes } from '../../electron/bureau/cum-codes-file';

const cumCodes = loadCumCodes();

const ZERO: Ytd = {
  basicPaid: '0.00',
  catastrophicBase: '0.00',
  catastrophicPaid: '0.00',
  assistancePaid: '0.00',
  chainDeductiblePaid: '0.00',
  personalPaid: '0.00',
  monthSelfPaid: '0.00',
};

function card(type: '01' | '02' | '03', no: string, certno: string | null, name: string | null): CardIdentity {
  const source = type === '01' ? 'e-voucher' : type === '02' ? 'id-card' : 'social-security-card';
  return { ...baseIdentity(source, type, no), certno, name };
}
const CHEN = card('03', 'K44070012', '440703195807120022', '陈秀兰');
const WANG = card('02', '520102196503150017', '520102196503150017', '王建国');

/** One roster version dated `rosterDate` (in effect from that day); each person answers with their own version's date. */
function roster(people: RosterMatch[], rosterDate = '2024-02-20'): RosterLookup {
  return {
    findByCertno: (certno, onDate) => people.find((p) => p.certno === certno && p.version.rosterDate <= onDate) ?? null,
    latestRosterDate: () => rosterDate,
    rosterDateOn: (onDate) => (rosterDate <= onDate ? rosterDate : null),
  };
}
const rosterRow = (certno: string, name: string, identities: RosterMatch['identities'], certificate: string | null = null, rosterDate = '2024-02-20'): RosterMatch => ({
  certno,
  name,
  regionCode: certno.slice(0, 6),
  certificate,
  identities,
  version: { rosterDate },
});
const ROSTER = roster([
  rosterRow(
    '440703195807120022',
    '陈秀兰',
    [{ identity: 'precision-target', raw: '7401', beginDate: '2019-01-01', endDate: '2020-12-31' }],
    'JM2019000123',
    '2020-05-20',
  ),
  rosterRow('520102196503150017', '王建圀', [{ identity: 'extreme-poverty', raw: 'extreme-poverty', beginDate: '2021-01-01', endDate: null }]),
]);

const ledger = (local: Partial<Ytd> = {}, pending?: Partial<Ytd>): LocalYtdSource => ({
  ytd: () => ({ ...ZERO, ...local }),
  ...(pending ? { notYetUploaded: () => ({ ...ZERO, ...pending }) } : {}),
});

let h: Harness;
let bureau: BureauPort;
let offline: BureauPort;
beforeAll(async () => {
  h = await startHarness();
  bureau = h.client({ retries: 0, timeoutMs: 1000 });
  offline = h.client({ url: 'http://127.0.0.1:1/fsi/api/rsfComIfsService/callService', retries: 0 });
});
afterAll(() => h.close());

const resolver = (b: BureauPort = bureau, r: RosterLookup = ROSTER, l: LocalYtdSource = ledger()) =>
  new EligibilityResolver({
    bureau: b,
    roster: r,
    ledger: l,
    psnIdetTypes: (region) => library.psnIdetTypes(region),
    certificateRules: (region) => certificateRuleOf(library, region),
    cumSpelling: (region) => spellingFor(cumCodes, region),
  });

describe('online', () => {
  it.each([
    ['陈秀兰, precision target with 就医证', CHEN, '2020-06-01', 'CN-GD-JM', { identities: ['precision-target'], certificate: 'JM2019000123', conditions: [] }, [], []],
    [
      '黄淑贞, precision target without 就医证',
      card('02', '440703196204180020', '440703196204180020', '黄淑贞'),
      '2020-06-01',
      'CN-GD-JM',
      { identities: ['precision-target'], conditions: [] },
      [],
      ['精准扶贫对象未登记就医证号，须核验就医证后方可享受精准扶贫待遇'],
    ],
    [
      '张福生, registered poor with 大病',
      card('02', '210102196001010038', '210102196001010038', '张福生'),
      '2020-05-01',
      'CN-LN',
      { identities: ['registered-poor'], conditions: ['critical-illness'] },
      [],
      [],
    ],
    [
      '孙桂芝, open-ended extreme poverty',
      card('02', '210102194803150025', '210102194803150025', '孙桂芝'),
      '2020-05-01',
      'CN-LN',
      { identities: ['extreme-poverty'], conditions: [] },
      [],
      [],
    ],
    [
      '吴德明, one unmapped code',
      card('02', '520102197006060031', '520102197006060031', '吴德明'),
      '2024-03-01',
      'CN-GZ',
      { identities: ['relapse-risk'], conditions: [] },
      ['未知身份 2308'],
      [],
    ],
    [
      '周丽娟, identity ended before the date',
      card('02', '520102198810100027', '520102198810100027', '周丽娟'),
      '2024-03-01',
      'CN-GZ',
      { identities: [], conditions: [] },
      [],
      ['身份「低保救助对象」在 2024-03-01 不在有效期内（2021-01-01 00:00:00 至 2021-06-30 23:59:59）'],
    ],
    [
      '陈秀兰 by e-voucher',
      card('01', 'EV440703195807120022', null, null),
      '2020-06-01',
      'CN-GD-JM',
      { identities: ['precision-target'], certificate: 'JM2019000123', conditions: [] },
      [],
      [],
    ],
    [
      '陈秀兰 after the program ended',
      CHEN,
      '2021-03-01',
      'CN-GD-JM',
      { identities: [], conditions: [] },
      [],
      ['身份「精准扶贫重点帮扶对象」在 2021-03-01 不在有效期内（2019-01-01 00:00:00 至 2020-12-31 23:59:59）'],
    ],
  ] as const)('%s', async (_name, c, date, region, person, unknown, notices) => {
    const r = await resolver().resolve({ visitId: `v-${_name}`, card: c, settlementDate: date, region });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const { ytd, ...rest } = r.value.person;
    expect(rest).toEqual({ insurance: 'resident', ...person });
    expect(r.value.source).toBe('bureau');
    expect(r.value.sourceLabel).toBe('医保中心（联网）');
    expect(r.value.unknownIdentities).toEqual(unknown);
    expect(r.value.notices.filter((n) => !n.startsWith('累计数据') && !n.startsWith('医保中心：本年已付起付线'))).toEqual(notices);
    expect(ytd.basicPaid).toMatch(/^\d+\.\d{2}$/);
  });

  it('adds the not-yet-uploaded part to the bureau’s accumulators; the rest from the ledger', async () => {
    const r = await resolver(bureau, ROSTER, ledger({ basicPaid: '500.00', monthSelfPaid: '120.00' }, { basicPaid: '500.00', personalPaid: '80.00' })).resolve({
      visitId: 'ytd',
      card: card('02', '210102196001010038', '210102196001010038', '张福生'),
      settlementDate: '2020-05-01',
      region: 'CN-LN',
    });
    expect(r.ok && r.value.person.ytd).toEqual({
      basicPaid: '8500.00',
      catastrophicBase: '6000.00',
      catastrophicPaid: '0.00',
      assistancePaid: '1200.00',
      chainDeductiblePaid: '0.00',
      personalPaid: '0.00',
      monthSelfPaid: '120.00',
    });
    expect(r.ok && r.value.ytdSource).toBe('bureau+ledger');
  });

  it('shows where bureau and roster disagree', async () => {
    const r = await resolver().resolve({ visitId: 'conflict', card: WANG, settlementDate: '2024-03-01', region: 'CN-GZ' });
    expect(r.ok && r.value.person.identities).toEqual(['subsistence']);
    expect(r.ok && r.value.conflicts.map((c) => c.message)).toEqual([
      '姓名不一致：医保中心「王建国」，名单「王建圀」',
      '身份不一致（名单日期 2024-02-20）：名单有「特困人员」而医保中心无；医保中心有「低保对象」而名单无。按医保中心结算',
    ]);
  });

  it('settles on the local figure when it is above the bureau’s, and says why', async () => {
    const r = await resolver(bureau, ROSTER, ledger({ assistancePaid: '9999.00' })).resolve({
      visitId: 'ytd-conflict',
      card: WANG,
      settlementDate: '2024-03-01',
      region: 'CN-GZ',
    });
    expect(r.ok && r.value.conflicts.filter((c) => c.field === 'ytd').map((c) => c.message)).toEqual([
      '「本年医疗救助已支付」医保中心累计 700.00 低于本院记录 9999.00，按较大的本院记录结算（可能有结算尚未上传或医保中心未计入）',
    ]);
    expect(r.ok && [r.value.person.ytd.assistancePaid, r.value.person.ytd.basicPaid]).toEqual(['9999.00', '3000.00']);
    expect(r.ok && r.value.notices).toContain('医保中心：本年已付起付线 600.00');
  });

  it('answers a visit from its cache until refreshed', async () => {
    let calls = 0;
    const counting: BureauPort = {
      decodeEVoucher: (...a) => bureau.decodeEVoucher(...a),
      personInfo: (q) => (calls++, bureau.personInfo(q)),
      accumulators: (...a) => bureau.accumulators(...a),
    };
    const res = resolver(counting);
    const request = { visitId: 'cached', card: CHEN, settlementDate: '2020-06-01', region: 'CN-GD-JM' };
    const first = await res.resolve(request);
    const second = await res.resolve(request);
    expect(second).toEqual(first);
    expect(calls).toBe(1);
    await res.resolve({ ...request, refresh: true });
    await res.resolve({ ...request, visitId: 'another' });
    expect(calls).toBe(3);
  });

  it('keeps identities from the bureau when only 5206 fails, ytd from the ledger', async () => {
    await h.setFaults({ failNext: 1, kinds: ['http500'], infnos: ['5206'] });
    const r = await resolver(bureau, ROSTER, ledger({ basicPaid: '42.00' })).resolve({ visitId: '5206', card: CHEN, settlementDate: '2020-06-01', region: 'CN-GD-JM' });
    await h.setFaults({});
    expect(r.ok && [r.value.source, r.value.ytdSource, r.value.person.ytd.basicPaid, r.value.person.identities]).toEqual([
      'bureau',
      'ledger',
      '42.00',
      ['precision-target'],
    ]);
    expect(r.ok && r.value.notices).toContain('医保中心累计查询失败（交易5206：医保中心返回 HTTP 500），本年累计按本院记录，仅含本院结算');
  });
});

describe('offline or refused', () => {
  it('falls back to the roster, labelled with its date, ytd from the ledger', async () => {
    const r = await resolver(offline, ROSTER, ledger({ basicPaid: '12.00' })).resolve({ visitId: 'off', card: CHEN, settlementDate: '2020-06-01', region: 'CN-GD-JM' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.person).toEqual({
      insurance: 'resident',
      identities: ['precision-target'],
      conditions: [],
      certificate: 'JM2019000123',
      ytd: { ...ZERO, basicPaid: '12.00' },
    });
    expect([r.value.source, r.value.sourceLabel, r.value.rosterDate, r.value.ytdSource, r.value.bureauError?.code]).toEqual([
      'roster',
      '离线：本地名单（2020-05-20）',
      '2020-05-20',
      'ledger',
      'bureau-unreachable',
    ]);
    expect(r.value.notices).toEqual([
      '医保中心不可用：交易9001：无法连接医保中心（ECONNREFUSED），请检查网络',
      '身份按本地名单（名单日期 2020-05-20）认定，待联网后核实',
      '本年累计按本院记录，仅含本院结算',
    ]);
  });

  it('says so when the person is not on the roster', async () => {
    const r = await resolver(offline).resolve({
      visitId: 'off2',
      card: card('02', '520102198002020010', '520102198002020010', '赵志强'),
      settlementDate: '2024-03-01',
      region: 'CN-GZ',
    });
    expect(r.ok && [r.value.onRoster, r.value.person.identities, r.value.notices[2]]).toEqual([
      false,
      [],
      '名单中无此人（520102198002020010），按无特殊身份的城乡居民处理',
    ]);
  });

  it('says no local roster applies when every roster on file takes effect after the settlement date', async () => {
    const r = await resolver(offline, roster([])).resolve({
      visitId: 'off3',
      card: card('02', '520102198002020010', '520102198002020010', '赵志强'),
      settlementDate: '2024-01-15',
      region: 'CN-GZ',
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect([r.value.sourceLabel, r.value.rosterDate, r.value.onRoster, r.value.person.identities]).toEqual(['离线：无适用于 2024-01-15 的本地名单', null, false, []]);
    expect(r.value.notices).toEqual([
      '医保中心不可用：交易9001：无法连接医保中心（ECONNREFUSED），请检查网络',
      '本机名单（最新名单日期 2024-02-20）在 2024-01-15 尚未生效，无法按名单认定身份，按无特殊身份的城乡居民处理，待联网后核实',
      '本年累计按本院记录，仅含本院结算',
    ]);
  });

  it('labels an answer with the roster in effect on the settlement date, not a later one on file', async () => {
    const lookup: RosterLookup = { ...roster([]), latestRosterDate: () => '2024-04-01', rosterDateOn: () => '2024-02-20' };
    const r = await resolver(offline, lookup).resolve({
      visitId: 'off4',
      card: card('02', '520102198002020010', '520102198002020010', '赵志强'),
      settlementDate: '2024-03-01',
      region: 'CN-GZ',
    });
    expect(r.ok && [r.value.sourceLabel, r.value.rosterDate, r.value.notices[1]]).toEqual([
      '离线：本地名单（2024-02-20）',
      '2024-02-20',
      '身份按本地名单（名单日期 2024-02-20）认定，待联网后核实',
    ]);
  });

  it('refuses a person the bureau does not know as not-insured, never from the roster', async () => {
    const stranger = rosterRow('110101199003070011', '钱多多', [{ identity: 'subsistence', raw: '7019', beginDate: '2024-01-01', endDate: '2024-12-31' }]);
    const r = await resolver(bureau, roster([stranger])).resolve({
      visitId: 'stranger',
      card: card('02', '110101199003070011', '110101199003070011', '钱多多'),
      settlementDate: '2024-03-01',
      region: 'CN-GZ',
    });
    expect(!r.ok && r.error).toMatchObject({
      code: 'not-insured',
      message: '医保中心未查到该人员的有效参保信息，不能按医保结算（医保中心：未查询到参保人员信息（凭证类型 02，号码 110101199003070011））',
    });
  });

  it('refuses a person whose insurance ended before the settlement date; in force before it', async () => {
    const qian = card('02', '520102197503030044', '520102197503030044', '钱淑芬');
    const after = await resolver().resolve({ visitId: 'qian', card: qian, settlementDate: '2024-03-01', region: 'CN-GZ' });
    expect(!after.ok && after.error).toMatchObject({
      code: 'not-insured',
      message: '钱淑芬在 2024-03-01 没有有效的医保参保（险种 390 终止参保（2023-07-01 起）），不能按医保结算',
    });
    const before = await resolver().resolve({ visitId: 'qian', card: qian, settlementDate: '2023-06-30', region: 'CN-GZ' });
    expect(before.ok && [before.value.source, before.value.person.insurance]).toEqual(['bureau', 'resident']);
  });

  it('cannot resolve an e-voucher offline', async () => {
    const r = await resolver(offline).resolve({ visitId: 'ev', card: card('01', 'EVTOKEN', null, null), settlementDate: '2024-03-01', region: 'CN-GZ' });
    expect(!r.ok && r.error).toMatchObject({
      code: 'eligibility-unavailable',
      message: '医保中心不可用（电子凭证解码：无法连接医保中心（ECONNREFUSED），请检查网络），医保电子凭证无法离线核验，请改用社保卡或身份证',
    });
  });
});
