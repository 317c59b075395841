/**
 * What eligibility resolution needs from the rest of the app, as narrow interfaces so that tests
 * can hand in fakes: the bureau (BureauClient fits), the local roster and the local ledger's ytd
 * (the ledger's rosterLookup and ytdFor fit), and the region's identity-code table
 * (PolicyLibrary.psnIdetTypes fits).
 */
import type { Reply, Accumulators, BureauError, Result, PersonInfo, PersonQueryData, EcQueryRequest, EVoucherHolder } from '../bureau';

export type EcBusinessType = EcQueryRequest['data']['businessType'];
import type { Condition, Identity, Ytd } from '../../shared/engine';

export interface BureauPort {
  /** national-platform.md §6.3: a scanned e-voucher QR code → its holder and the ecToken 1101 takes. */
  decodeEVoucher(qrCode: string, businessType?: EcBusinessType): Promise<Result<EVoucherHolder>>;
  personInfo(query: PersonQueryData): Promise<Result<Reply<PersonInfo>>>;
  accumulators(psnNo: string, insuplcAdmdvs: string, cumYm: string): Promise<Result<Reply<Accumulators>>>;
}

export interface RosterMatch {
  certno: string;
  name: string;
  regionCode: string;
  /** 就医证号 (Jiangmen precision targets). */
  certificate: string | null;
  identities: Array<{ identity: Identity; raw: string; beginDate: string; endDate: string | null }>;
  /** The roster version the answer comes from. */
  version: { rosterDate: string };
}

/** The ledger answers asynchronously; test doubles may answer at once. */
type MaybePromise<T> = T | Promise<T>;

export interface RosterLookup {
  findByCertno(certno: string, onDate: string): MaybePromise<RosterMatch | null | undefined>;
  /** The date of the newest roster on file (it may take effect after the date asked about). */
  latestRosterDate(): MaybePromise<string | null>;
  /** The roster date of the newest version in effect on a date: the roster an offline answer about that date rests on. */
  rosterDateOn(onDate: string): MaybePromise<string | null>;
}

export interface LocalYtdSource {
  /** Everything the ledger (every window of the hospital) holds for the person in the year of `date` (the settlement date; reversals netted out). */
  ytd(certno: string, date: string): MaybePromise<Ytd>;
  /** The part the bureau has not acknowledged yet (the outbox); added to the bureau's figures online. */
  notYetUploaded?(certno: string, date: string): MaybePromise<Ytd>;
}

/** A region's psn_idet_type table; a row without an identity is a code the bureau names that no engine identity fits. */
export type IdentityCodeTable = (region: string) => ReadonlyArray<{ code: string; identity: Identity | null; label: string }>;

/** The engine's person context (settlement.md §2: person + ytd). */
export interface PersonContext {
  insurance: string;
  identities: Identity[];
  conditions: Condition[];
  certificate?: string;
  ytd: Ytd;
}

export interface IdentityDetail {
  /** The bureau's psn_idet_type or the roster's 身份类别 as given. */
  code: string;
  identity: Identity | null;
  /** Chinese label, or "未知身份 <code>". */
  label: string;
  begin: string | null;
  end: string | null;
  validOnDate: boolean;
  source: 'bureau' | 'roster';
}

export interface Conflict {
  field: 'name' | 'identities' | 'certificate' | 'ytd';
  bureau: string;
  roster: string;
  /** Chinese, for the screen. */
  message: string;
}

export interface Eligibility {
  person: PersonContext;
  certno: string | null;
  name: string | null;
  psnNo: string | null;
  insuplcAdmdvs: string | null;
  /** Where identities come from: the bureau, or the local roster because the bureau failed. */
  source: 'bureau' | 'roster';
  /** Chinese label for the screen, e.g. "离线：本地名单（2020-05-20）". */
  sourceLabel: string;
  rosterDate: string | null;
  onRoster: boolean | null;
  bureauError: BureauError | null;
  ytdSource: 'bureau' | 'bureau+ledger' | 'ledger';
  identities: IdentityDetail[];
  /** "未知身份 <code>" for every code the region's table does not map. */
  unknownIdentities: string[];
  conflicts: Conflict[];
  notices: string[];
}

/** not-insured: the bureau answered that the person has no insurance in force on the date. */
export type EligibilityErrorCode = 'eligibility-unavailable' | 'not-insured' | 'evoucher-invalid';
export interface EligibilityError {
  code: EligibilityErrorCode;
  message: string;
  bureauError: BureauError | null;
}

/**
 * The region's 就医证 rule (its policy file's `certificate`): the identities that need the number on
 * record before a treatment for them applies, and that treatment's name; null where there is none.
 */
export interface CertificateRule {
  identities: readonly Identity[];
  treatment: string;
}
export type CertificateRules = (region: string) => CertificateRule | null;
