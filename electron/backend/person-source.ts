/**
 * Which person context a preview or commit settles with: always the one the backend kept for the
 * request's eligibilityId in this session. The window's copy is only compared (a difference is a
 * warning), never used, except for the cashier's 就医证 verification.
 */
import type { OpParsedInput } from '../../shared/contract';
import { BackendError } from './errors';
import type { PersonContextView, VisitContexts } from './visit-contexts';

type SettleRequest = OpParsedInput<'settlement.preview'>;

export interface SettlingPerson {
  person: PersonContextView;
  personSource: 'eligibility';
  warnings: string[];
  /** See KeptContext.ytdMark. */
  ytdMark?: number;
}

const COMPARED: Array<[keyof PersonContextView, string]> = [
  ['certno', '证件号码'],
  ['name', '姓名'],
  ['psnNo', '人员编号'],
  ['region', '统筹区'],
  ['insurance', '险种'],
  ['identities', '身份'],
  ['conditions', '病种'],
  ['ytd', '本年累计'],
];

const normalised = (value: unknown): string => JSON.stringify(Array.isArray(value) ? [...value].sort() : (value ?? null));
const sameCertificate = (a: string | null | undefined, b: string | null | undefined) => (a ?? '').trim().toUpperCase() === (b ?? '').trim().toUpperCase();

/** `sessionKey`: the context must have been resolved in the caller's own session (same operator, same login). */
export function settlingPerson(request: SettleRequest, contexts: VisitContexts, sessionKey: string): SettlingPerson {
  const kept = contexts.get(request.eligibilityId);
  if (!kept || kept.sessionKey !== sessionKey) throw new BackendError('eligibility-expired', '资格核验已失效（已结算、已退出登录或超时），请重新读卡核验');
  if (kept.date !== request.date) {
    throw new BackendError('eligibility-mismatch', `资格核验是按 ${kept.date} 做的，与结算日期 ${request.date} 不一致，请按结算日期重新核验`);
  }

  const sent = request.person ?? {};
  const warnings: string[] = [];
  const differing = COMPARED.filter(([field]) => field in sent && normalised(sent[field]) !== normalised(kept.person[field])).map(([, label]) => label);
  if (differing.length > 0) warnings.push(`窗口提交的「${differing.join('、')}」与资格核验结果不一致，已按核验结果结算`);

  // The 就医证 counts only when the cashier checked it against the one on record.
  const typed = request.certificate !== undefined ? request.certificate : (sent.certificate ?? null);
  const resolved = kept.person.certificate;
  const verified = resolved !== null && typed !== null && typed !== '' && sameCertificate(typed, resolved);
  if (typed !== null && typed !== '' && !verified) warnings.push('提交的就医证号与核验结果不符，本次不按就医证结算');
  return { person: { ...kept.person, certificate: verified ? resolved : null }, personSource: 'eligibility', warnings, ytdMark: kept.ytdMark };
}
