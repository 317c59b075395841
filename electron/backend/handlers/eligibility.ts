import type { z } from 'zod';
import type { CardIdentity } from '../../../shared/card';
import { ytdViewSchema, type personContextSchema } from '../../../shared/contract';
import { formatMoney } from '../../../shared/money';
import type { PolicyLibrary } from '../../../shared/policy';
import { INSUTYPE } from '../../bureau';
import { certificateRuleOf, type CertificateRule, type Eligibility } from '../../eligibility';
import { refuseFutureDate } from '../bill-checks';
import { BackendError } from '../errors';
import { requireSession, sessionKeyOf } from '../session';
import type { Handlers } from './types';

type PersonContext = z.output<typeof personContextSchema>;
const YTD_FIELDS = Object.keys(ytdViewSchema.shape) as Array<keyof PersonContext['ytd']>;

/**
 * The policy region a person is insured in, from a 6-digit division code (card region, or the ID
 * number's first six digits): a city-level policy (4-digit prefix of its admdvs) wins over a
 * province-level one (2 digits). Null when no policy file covers it.
 */
export function policyRegionOf(division: string | null, library: PolicyLibrary): string | null {
  if (!division || !/^\d{6}/.test(division)) return null;
  const regions = library.regions().filter((r) => r.admdvs);
  const city = regions.find((r) => r.region.split('-').length > 2 && r.admdvs!.slice(0, 4) === division.slice(0, 4));
  const province = regions.find((r) => r.region.split('-').length === 2 && r.admdvs!.slice(0, 2) === division.slice(0, 2));
  return (city ?? province)?.region ?? null;
}

export function toPersonContext(
  e: Eligibility,
  card: CardIdentity,
  region: string,
  regionSource: 'card' | 'default',
  date: string,
  certificateRule: CertificateRule | null,
): PersonContext {
  const online = e.source === 'bureau';
  const checked = certificateRule ? e.person.identities.find((id) => certificateRule.identities.includes(id)) : undefined;
  const identitySource = online ? 'bureau' : 'roster';
  const identityAsOf = online ? date : e.rosterDate;
  const ytdSource = e.ytdSource === 'ledger' ? 'ledger' : 'bureau';
  return {
    certno: e.certno ?? card.certno ?? '',
    name: e.name ?? card.name ?? '',
    psnNo: e.psnNo,
    insuplcAdmdvs: e.insuplcAdmdvs,
    region,
    insurance: e.person.insurance,
    insutype: INSUTYPE[e.person.insurance as keyof typeof INSUTYPE] ?? e.person.insurance,
    identities: e.person.identities,
    conditions: e.person.conditions,
    certificate: e.person.certificate ?? null,
    certificateCheck: checked && certificateRule ? { identity: checked, treatment: certificateRule.treatment } : null,
    ytd: Object.fromEntries(YTD_FIELDS.map((f) => [f, formatMoney(e.person.ytd[f])])) as PersonContext['ytd'],
    provenance: [
      {
        field: 'region',
        source: regionSource,
        asOf: null,
        detail: regionSource === 'card' ? `按证件区划确定统筹区 ${region}` : `证件区划无对应政策，按本终端统筹区 ${region}`,
      },
      { field: 'identities', source: identitySource, asOf: identityAsOf, detail: e.sourceLabel },
      { field: 'insurance', source: online ? 'bureau' : 'default', asOf: online ? date : null, detail: online ? '医保中心参保信息' : '离线：按城乡居民医保处理' },
      { field: 'ytd', source: ytdSource, asOf: date, detail: ytdLabel(e.ytdSource) },
    ],
    conflicts: e.conflicts.map((c) => ({
      field: c.field,
      values: [
        { source: 'bureau' as const, value: c.bureau },
        { source: 'roster' as const, value: c.roster },
      ],
      message: c.message,
    })),
    warnings: [...e.notices, ...e.unknownIdentities.map((label) => `医保中心返回${label}，未按特殊身份处理`)],
    online,
  };
}

function ytdLabel(source: Eligibility['ytdSource']): string {
  if (source === 'bureau') return '本年累计来自医保中心';
  if (source === 'bureau+ledger') return '本年累计来自医保中心，加上本院尚未上传的结算';
  return '本年累计按本院记录，仅含本院结算';
}

/**
 * A slow bureau (10 s × 3 tries per transaction, 1101 then 5206) would keep the cashier waiting
 * about half a minute: the query as a whole gets this long, then the cashier is told to use the
 * offline roster (the window offers 改用离线名单 after a few seconds already).
 */
export const ELIGIBILITY_DEADLINE_MS = 20_000;

function withinDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BackendError('bureau-slow', `医保中心 ${Math.round(ms / 1000)} 秒未应答，请按「改用离线名单」按本地花名册结算，或稍后重试`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

export const eligibilityHandlers = {
  'eligibility.resolve': async ({ identity, date, visit, offline }, { runtime, session }) => {
    const sessionKey = sessionKeyOf(requireSession(session));
    refuseFutureDate(date);
    const division = identity.region ?? identity.certno?.slice(0, 6) ?? null;
    const fromCard = policyRegionOf(division, runtime.library);
    const region = fromCard ?? runtime.settings.region;
    const answer = await withinDeadline(
      runtime.eligibility.resolve({
        visitId: `${identity.mdtrt_cert_no}|${visit}|${date}`,
        card: identity,
        settlementDate: date,
        region,
        visit,
        refresh: true,
        offline: offline === true,
      }),
      runtime.options.eligibilityDeadlineMs ?? ELIGIBILITY_DEADLINE_MS,
    );
    if (!answer.ok) throw new BackendError(answer.error.code, answer.error.message);
    const context = toPersonContext(answer.value, identity, region, fromCard ? 'card' : 'default', date, certificateRuleOf(runtime.library, region));
    const certno = answer.value.certno;
    const mark = certno ? (runtime.ytdMarks.take(certno) ?? (await runtime.ledger.ytdMark(certno))) : undefined;
    return { ...context, eligibilityId: runtime.visits.keep(context, date, visit, sessionKey, mark) };
  },
} satisfies Partial<Handlers>;
