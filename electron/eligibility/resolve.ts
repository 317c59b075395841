/**
 * CardIdentity → the engine's person context. Online: 1101 + 5206 from the bureau, compared with
 * the local roster. On a bureau failure: the local roster (labelled with its date) and ytd from the
 * local ledger. One answer per visit is cached until the cashier asks for a refresh.
 */
import { type CardIdentity, personQueryOf } from '../../shared/card';
import type { Condition, Visit } from '../../shared/engine';
import { INFNO, err, ok, type BureauError, type Result, type PersonInfo, type PersonQueryData, readCumInfo, type CumSpelling } from '../bureau';
import { bureauRosterConflicts } from './conflicts';
import { chooseInsurance } from './insurance';
import { bureauCertificate, bureauConditions, bureauIdentities, identitiesInForce, rosterIdentities } from './identities';
import type {
  BureauPort,
  CertificateRule,
  CertificateRules,
  EcBusinessType,
  Eligibility,
  EligibilityError,
  IdentityCodeTable,
  LocalYtdSource,
  RosterLookup,
} from './types';
import { onlineYtd } from './ytd';

export interface EligibilityRequest {
  /** The visit the answer is cached for. */
  visitId: string;
  card: CardIdentity;
  /** yyyy-MM-dd: identities must be valid on it; ytd is of its year. */
  settlementDate: string;
  /** The policy region the bill settles under (its identity table maps the codes). */
  region: string;
  /** What the visit is: the e-voucher's 用码业务类型 follows it. */
  visit?: Visit;
  /** Ask again instead of answering from the visit's cache. */
  refresh?: boolean;
  /** The cashier chose the local roster while the bureau was slow (改用离线名单): the bureau is not asked. */
  offline?: boolean;
}

export type EligibilityResult = Result<Eligibility, EligibilityError>;

export interface EligibilityDeps {
  bureau: BureauPort;
  roster: RosterLookup;
  ledger: LocalYtdSource;
  psnIdetTypes: IdentityCodeTable;
  /** Who needs the region's 就医证 (PolicyLibrary.certificateRule fits, unwrapped). */
  certificateRules: CertificateRules;
  /** The region's 5206 code spelling (resources/bureau/cum-codes.yaml). */
  cumSpelling: (region: string) => CumSpelling;
}

/** national-platform.md §6.3 用码业务类型 by visit: 药店购药, 入院登记 (the nearest the list has to a discharge), 门诊结算. */
const EC_BUSINESS_TYPE: Record<Visit, EcBusinessType> = { pharmacy: '02121', inpatient: '01103', outpatient: '01301', 'chronic-outpatient': '01301' };

export class EligibilityResolver {
  private readonly cache = new Map<string, Eligibility>();

  constructor(private readonly deps: EligibilityDeps) {}

  async resolve(request: EligibilityRequest): Promise<EligibilityResult> {
    const key = `${request.visitId}|${request.card.mdtrt_cert_type}|${request.card.mdtrt_cert_no}|${request.settlementDate}|${request.region}`;
    const cached = this.cache.get(key);
    if (cached && !request.refresh) return ok(cached);
    const result = await this.lookUp(request);
    if (result.ok) this.cache.set(key, result.value);
    return result;
  }

  /** Forget a finished visit. */
  endVisit(visitId: string): void {
    for (const key of this.cache.keys()) if (key.startsWith(`${visitId}|`)) this.cache.delete(key);
  }

  private async lookUp(request: EligibilityRequest): Promise<EligibilityResult> {
    if (request.offline) {
      return this.fromRoster(request, { code: 'bureau-timeout', message: '医保中心响应慢，收费员改用离线名单', transient: true });
    }
    const query = await this.personQuery(request);
    if (!query.ok) {
      const error = query.error;
      if (error.transient) return this.fromRoster(request, error);
      return err({ code: 'evoucher-invalid', message: error.message, bureauError: error });
    }
    const person = await this.deps.bureau.personInfo(query.value);
    if (person.ok) {
      const insurance = chooseInsurance(person.value.output, request.settlementDate);
      if (!insurance.ok) return err({ code: 'not-insured', message: insurance.message, bureauError: null });
      return ok(await this.fromBureau(request, person.value.output, insurance));
    }
    const error = person.error;
    // Only a call that got no answer may fall back to the roster: an answer is the bureau's verdict.
    if (error.transient) return this.fromRoster(request, error);
    if (error.code === 'bureau-rejected' && error.infno === INFNO.personInfo) {
      return err({ code: 'not-insured', message: `医保中心未查到该人员的有效参保信息，不能按医保结算（医保中心：${error.message}）`, bureauError: error });
    }
    return err({ code: 'eligibility-unavailable', message: `医保中心的应答无法用于核验参保信息：${error.message}`, bureauError: error });
  }

  /** 1101's input: a scanned e-voucher is first turned into its ecToken and holder (national-platform.md §6.3 step 5). */
  private async personQuery(request: EligibilityRequest): Promise<Result<PersonQueryData, BureauError>> {
    const query = personQueryOf(request.card);
    if (request.card.mdtrt_cert_type !== '01') return ok(query);
    const holder = await this.deps.bureau.decodeEVoucher(request.card.mdtrt_cert_no, EC_BUSINESS_TYPE[request.visit ?? 'outpatient']);
    if (!holder.ok) return holder;
    const h = holder.value;
    return ok({ ...query, mdtrt_cert_type: '01', mdtrt_cert_no: h.ecToken, psn_cert_type: h.idType, certno: h.idNo, psn_name: h.userName });
  }

  private async fromBureau(request: EligibilityRequest, info: PersonInfo, insurance: Extract<ReturnType<typeof chooseInsurance>, { ok: true }>): Promise<Eligibility> {
    const { settlementDate: date, region } = request;
    const year = Number(date.slice(0, 4));
    const notices: string[] = [];
    const certno = info.baseinfo.certno;

    const details = bureauIdentities(info.idetinfo, this.deps.psnIdetTypes(region), date);
    const identities = identitiesInForce(details);
    const rule = this.deps.certificateRules(region);
    const certificate = bureauCertificate(info.idetinfo, details, rule);
    if (needsCertificate(rule, identities) && !certificate) notices.push(`${rule!.treatment}对象未登记就医证号，须核验就医证后方可享受${rule!.treatment}待遇`);
    for (const d of details) if (d.identity && !d.validOnDate) notices.push(`身份「${d.label}」在 ${date} 不在有效期内（${d.begin ?? '—'} 至 ${d.end ?? '长期'}）`);
    const conds = bureauConditions(info.baseinfo.exp_content);
    for (const c of conds.unknown) notices.push(`未知病种 ${c}`);

    notices.push(...insurance.notices);
    const insuplcAdmdvs = insurance.row.insuplc_admdvs ?? request.card.region ?? '';

    const local = await this.deps.ledger.ytd(certno, date);
    let ytd = local;
    let ytdSource: Eligibility['ytdSource'] = 'ledger';
    const conflicts: Eligibility['conflicts'] = [];
    const cum = await this.deps.bureau.accumulators(info.baseinfo.psn_no, insuplcAdmdvs, date.slice(0, 7).replace('-', ''));
    if (cum.ok) {
      const pending = (await this.deps.ledger.notYetUploaded?.(certno, date)) ?? null;
      const reading = readCumInfo(cum.value.output.rows, this.deps.cumSpelling(region), insurance.row.insutype, year);
      const combined = onlineYtd(reading, local, pending);
      ytd = combined.ytd;
      ytdSource = pending ? 'bureau+ledger' : 'bureau';
      notices.push(...combined.notices);
      conflicts.push(...combined.conflicts);
      if (!pending) notices.push('累计数据来自医保中心，本院尚未上传的结算可能未计入');
    } else {
      notices.push(`医保中心累计查询失败（${cum.error.message}），本年累计按本院记录，仅含本院结算`);
    }

    const rosterMatch = (await this.deps.roster.findByCertno(certno, date)) ?? null;
    if (rosterMatch) {
      const rosterInForce = identitiesInForce(rosterIdentities(rosterMatch, date));
      conflicts.push(...bureauRosterConflicts({ name: info.baseinfo.psn_name, identities, certificate }, rosterMatch, rosterInForce));
    }

    return {
      person: { insurance: insurance.insurance, identities, conditions: conds.conditions, ...(certificate ? { certificate } : {}), ytd },
      certno,
      name: info.baseinfo.psn_name,
      psnNo: info.baseinfo.psn_no,
      insuplcAdmdvs: insuplcAdmdvs || null,
      source: 'bureau',
      sourceLabel: '医保中心（联网）',
      rosterDate: rosterMatch?.version.rosterDate ?? null,
      onRoster: rosterMatch !== null,
      bureauError: null,
      ytdSource,
      identities: details,
      unknownIdentities: details.filter((d) => d.identity === null).map((d) => d.label),
      conflicts,
      notices,
    };
  }

  private async fromRoster(request: EligibilityRequest, bureauError: BureauError): Promise<EligibilityResult> {
    const certno = request.card.certno;
    if (!certno) {
      return err({ code: 'eligibility-unavailable', message: `医保中心不可用（${bureauError.message}），医保电子凭证无法离线核验，请改用社保卡或身份证`, bureauError });
    }
    const date = request.settlementDate;
    const match = (await this.deps.roster.findByCertno(certno, date)) ?? null;
    const rosterDate = match?.version.rosterDate ?? (await this.deps.roster.rosterDateOn(date));
    // Rosters on file, none in effect yet on the settlement date (e.g. only next month's list imported).
    const onlyLater = rosterDate ? null : await this.deps.roster.latestRosterDate();
    const details = match ? rosterIdentities(match, date) : [];
    const identities = identitiesInForce(details);
    const certificate = needsCertificate(this.deps.certificateRules(request.region), identities) ? match?.certificate?.trim() || undefined : undefined;
    const notices = [
      bureauError.code === 'bureau-rejected' ? `医保中心：${bureauError.message}` : `医保中心不可用：${bureauError.message}`,
      rosterDate
        ? `身份按本地名单（名单日期 ${rosterDate}）认定，待联网后核实`
        : onlyLater
          ? `本机名单（最新名单日期 ${onlyLater}）在 ${date} 尚未生效，无法按名单认定身份，按无特殊身份的城乡居民处理，待联网后核实`
          : '本机尚未导入名单，无法认定身份',
      match || onlyLater ? '' : `名单中无此人（${certno}），按无特殊身份的城乡居民处理`,
      '本年累计按本院记录，仅含本院结算',
    ].filter(Boolean);
    const conditions: Condition[] = [];
    return {
      ok: true,
      value: {
        person: { insurance: 'resident', identities, conditions, ...(certificate ? { certificate } : {}), ytd: await this.deps.ledger.ytd(certno, date) },
        certno,
        name: match?.name ?? request.card.name,
        psnNo: null,
        insuplcAdmdvs: null,
        source: 'roster',
        sourceLabel: rosterDate ? `离线：本地名单（${rosterDate}）` : onlyLater ? `离线：无适用于 ${date} 的本地名单` : '离线：无本地名单',
        rosterDate,
        onRoster: match !== null,
        bureauError,
        ytdSource: 'ledger',
        identities: details,
        unknownIdentities: [],
        conflicts: [],
        notices,
      },
    };
  }
}

/** Whether the person holds an identity the region's 就医证 rule names. */
function needsCertificate(rule: CertificateRule | null, identities: readonly string[]): boolean {
  return rule !== null && rule.identities.some((id) => identities.includes(id));
}
