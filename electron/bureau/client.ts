/**
 * The bureau client: the §1 envelope, the persisted msgid sequence, sign-in once per day and
 * operator, the §3 timeout/retry rules, and one method per transaction in scope.
 * Every method resolves (never throws) to a Result whose error tells the cashier what happened.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { z } from 'zod';
import { bureauError, err, ok, type BureauError, type Result } from './errors';
import { JsonSyntaxError, parseJsonKeepingNumbers } from './exact-json';
import type { CumRow } from './cum-codes';
import type { SettlementListInput } from './settlement-list';
import { INFNO, RETRYABLE_INFNOS } from './protocol';
import {
  cumOutputSchema,
  personInfoOutputSchema,
  reconcileOutputSchema,
  responseEnvelopeSchema,
  reversalOutputSchema,
  signInOutputSchema,
  settlementListOutputSchema,
  settlementQueryOutputSchema,
  signOutOutputSchema,
  type PersonInfo,
  type PersonQueryData,
  type ReconcileData,
  type ReconcileDetailData,
  type RequestEnvelope,
  fileUploadOutputSchema,
  reconcileDetailOutputSchema,
  dictionaryOutputSchema,
  type DictionaryRow,
} from './schemas';
import { DETAIL_FILE_NAME, detailFileText, parseResultFile, type DetailLine, type ResultRow } from './detail-file';
import { unzipFirst, zipOne } from './zip';
import { tifHeaders } from './gateway';
import { EC_QUERY, ecQueryUrl, queryEVoucher, type EcQueryRequest, type EVoucherHolder } from './e-voucher';
import { OAuth2Token } from './oauth2';
import { transactionUrl } from './service-paths';
import { envelopeFieldsSchema, gatewaySchema, oauth2Schema } from './site-config';
import { encryptInput } from './sm-envelope';
import { BureauStateStore, type SignInKey, type SignInRecord } from './state-store';
import { businessDate, compactTime, systemClock, wallTime, type Clock } from '../../shared/time';
import { postJson } from './transport';

export interface Operator {
  code: string;
  name: string;
}

export const bureauClientConfigSchema = z.object({
  url: z.string().url('医保中心地址无效'),
  hospitalCode: z.string().length(12, '定点医药机构编号必须为12位'),
  hospitalName: z.string().min(1),
  /** mdtrtarea_admvs: the hospital's region (6 digits). */
  areaCode: z.string().regex(/^\d{6}$/, '就医地医保区划必须为6位数字'),
  operator: z.object({ code: z.string().min(1), name: z.string().min(1) }),
  timeoutMs: z.number().int().positive().default(10_000),
  /** Extra attempts for the retryable transactions after a transport fault. */
  retries: z.number().int().min(0).default(2),
  retryDelayMs: z.number().int().min(0).default(500),
  ca: z.union([z.string(), z.instanceof(Buffer)]).optional(),
  /** The transport shape and envelope fields of the site file's bureau section (site-config.ts). */
  paths: z.enum(['dispatcher', 'per-service']).default('dispatcher'),
  gateway: gatewaySchema.optional(),
  oauth2: oauth2Schema.optional(),
  envelope: envelopeFieldsSchema.default(envelopeFieldsSchema.parse({})),
  /** The e-voucher middle platform (§6.3); absent: beside the settlement platform's URL. */
  ecUrl: z.string().url().optional(),
});
export type BureauClientConfig = z.input<typeof bureauClientConfigSchema>;
type Config = z.output<typeof bureauClientConfigSchema>;

export interface Reply<T> {
  output: T;
  warnMsg?: string;
  /** The msgid of the attempt that was answered, and all msgids sent for this call. */
  msgid: string;
  msgids: string[];
  infRefmsgid?: string;
}

export interface CallOptions {
  /** insuplc_admdvs: the patient's insured region, when the input names a psn_no. */
  insuplcAdmdvs?: string;
  /** Told each attempt's msgid before it is sent (real-time settlement keeps it, to look up or reverse a lost answer). */
  onMsgid?: (msgid: string) => void | Promise<void>;
}

/** The 5206 rows as sent (read them with readCumInfo). */
export interface Accumulators {
  rows: CumRow[];
}

export type UploadStatus = 'stored' | 'rejected' | 'pending';
export interface UploadOutcome {
  /** The settlement's setl_id (our settlement id). */
  setlId: string;
  /** stored: the bureau holds it; rejected: it refused the list (infcode -1); pending: no answer, send again. */
  status: UploadStatus;
  /** The bureau's setl_list_id for a stored list. */
  setlListId?: string;
  message?: string;
}
export interface UploadReport {
  outcomes: UploadOutcome[];
  /** Calls that got no answer (each left its settlement pending). */
  errors: BureauError[];
}

export interface ReconcileOutcome {
  balanced: boolean;
  stmtRslt: string;
  description: string;
  setlOptins: string;
}

export class BureauClient {
  private readonly config: Config;
  private readonly url: URL;

  private constructor(
    config: Config,
    private readonly state: BureauStateStore,
    private readonly now: () => Date,
    private readonly oauth: OAuth2Token | null,
  ) {
    this.config = config;
    this.url = new URL(config.url);
  }

  static open(config: BureauClientConfig, statePath: string, now: Clock = systemClock): BureauClient {
    const parsed = bureauClientConfigSchema.parse(config);
    const oauth = parsed.oauth2 ? new OAuth2Token(parsed.oauth2, { timeoutMs: parsed.timeoutMs, ca: parsed.ca, now }) : null;
    return new BureauClient(parsed, new BureauStateStore(statePath), now, oauth);
  }

  /** The same terminal and state, acting for another cashier (who signs in separately). */
  asOperator(operator: Operator): BureauClient {
    return new BureauClient({ ...this.config, operator }, this.state, this.now, this.oauth);
  }

  get operator(): Operator {
    return this.config.operator;
  }

  close(): void {
    this.state.close();
  }

  /** 9001, at most once per day and operator (the sign_no is kept in the state file). */
  async signIn(options: { force?: boolean } = {}): Promise<Result<SignInRecord>> {
    const key = this.signInKey();
    const cached = options.force ? null : this.state.signIn(key);
    if (cached) return ok(cached);
    const { operator } = this.config;
    const { mac, ip } = this.config.envelope;
    const reply = await this.send(INFNO.signIn, { signIn: { opter_no: operator.code, mac, ip } }, signInOutputSchema, {}, '');
    if (!reply.ok) return reply;
    const record = { signNo: reply.value.output.signinoutb.sign_no, signTime: reply.value.output.signinoutb.sign_time };
    this.state.saveSignIn(key, record);
    return ok(record);
  }

  /** 9002 at log-out: the sign_no kept for this operator today is given back, and forgotten. */
  async signOut(): Promise<Result<{ signNo: string | null }>> {
    const key = this.signInKey();
    const held = this.state.signIn(key);
    if (!held) return ok({ signNo: null });
    const reply = await this.send(INFNO.signOut, { signOut: { opter_no: this.config.operator.code, sign_no: held.signNo } }, signOutOutputSchema, {}, held.signNo);
    // Refused or not, the bureau holds no sign-in for us any more that we could use again.
    if (reply.ok || reply.error.code === 'bureau-rejected') this.state.forgetSignIn(key);
    return reply.ok ? ok({ signNo: held.signNo }) : reply;
  }

  /** Any transaction after sign-in: validated output or a cashier-facing error. */
  async call<S extends z.ZodType>(infno: string, input: Record<string, unknown>, outputSchema: S, options: CallOptions = {}): Promise<Result<Reply<z.output<S>>>> {
    const signIn = await this.signIn();
    if (!signIn.ok) return signIn;
    const reply = await this.send(infno, input, outputSchema, options, signIn.value.signNo);
    // A sign_no the bureau no longer honours (expired, signed out elsewhere): sign in afresh once.
    if (!reply.ok && reply.error.code === 'bureau-rejected' && /签到|sign_no/.test(reply.error.message)) {
      const renewed = await this.signIn({ force: true });
      if (!renewed.ok) return renewed;
      return this.send(infno, input, outputSchema, options, renewed.value.signNo);
    }
    return reply;
  }

  /** 5203: what the centre holds of a settlement (after a call whose effect is unknown). */
  settlementQuery(query: { psnNo: string; insuplcAdmdvs: string; setlId: string; mdtrtId?: string }) {
    return this.call(
      INFNO.settlementQuery,
      { data: { psn_no: query.psnNo, setl_id: query.setlId, mdtrt_id: query.mdtrtId ?? query.setlId } },
      settlementQueryOutputSchema,
      { insuplcAdmdvs: query.insuplcAdmdvs },
    );
  }

  /**
   * §6.3 ec.query: a scanned e-voucher QR code → the holder and the ecToken 1101 takes. Never
   * retried (a code is short-lived; the cashier scans again).
   */
  async decodeEVoucher(qrCode: string, businessType: EcQueryRequest['data']['businessType'] = '01301'): Promise<Result<EVoucherHolder>> {
    const c = this.config;
    const request: EcQueryRequest = {
      data: {
        orgId: c.hospitalCode,
        businessType,
        operatorId: c.operator.code,
        operatorName: c.operator.name,
        officeId: '',
        officeName: '',
        deviceType: '',
        ecQrCode: qrCode,
      },
      orgId: c.hospitalCode,
      transType: EC_QUERY,
    };
    // The same access as the settlement platform: gateway headers, or the bearer token.
    const headers: Record<string, string> = c.gateway ? tifHeaders(c.gateway, this.now()) : {};
    if (this.oauth) {
      const bearer = await this.oauth.bearer();
      if (!bearer.ok) return bearer;
      headers.Authorization = `Bearer ${bearer.value}`;
    }
    return queryEVoucher(ecQueryUrl(c.url, c.ecUrl), request, { timeoutMs: c.timeoutMs, ca: c.ca, headers });
  }

  /** 1101 person information. */
  personInfo(query: PersonQueryData): Promise<Result<Reply<PersonInfo>>> {
    return this.call(INFNO.personInfo, { data: query }, personInfoOutputSchema);
  }

  /** 1901 (§7): one dictionary of a region (type = the field name in lower case, e.g. psn_idet_type), valid entries. */
  async dictionary(type: string, admdvs: string, date: string): Promise<Result<DictionaryRow[]>> {
    const reply = await this.call(INFNO.dictionary, { data: { type, parentValue: '', admdvs, date, valiFlag: '1' } }, dictionaryOutputSchema);
    return reply.ok ? ok(reply.value.output.list) : reply;
  }

  /** 5206 year-to-date accumulators up to the month `cumYm` (yyyyMM). */
  async accumulators(psnNo: string, insuplcAdmdvs: string, cumYm: string): Promise<Result<Reply<Accumulators>>> {
    const reply = await this.call(INFNO.accumulators, { data: { psn_no: psnNo, cum_ym: cumYm } }, cumOutputSchema, { insuplcAdmdvs });
    if (!reply.ok) return reply;
    return ok({ ...reply.value, output: { rows: reply.value.output.cuminfo } });
  }

  /** 4101: one settlement list; a timeout is re-sent (the bureau is idempotent on setl_id), never reversed. */
  async uploadSettlementList(list: SettlementListInput): Promise<UploadOutcome & { error?: BureauError }> {
    const c = this.config;
    const input = { ...list, setlinfo: { ...list.setlinfo, fixmedins_code: c.hospitalCode, fixmedins_name: c.hospitalName } };
    const reply = await this.call(INFNO.uploadSettlements, input, settlementListOutputSchema);
    const setlId = list.setlinfo.setl_id;
    if (reply.ok) return { setlId, status: 'stored', setlListId: reply.value.output.data.setl_list_id, message: reply.value.warnMsg };
    if (reply.error.code === 'bureau-rejected') return { setlId, status: 'rejected', message: reply.error.message };
    return { setlId, status: 'pending', message: reply.error.message, error: reply.error };
  }

  /**
   * One 4101 per settlement, in order; every one comes back stored, rejected or pending. The
   * centre settles each list on top of the ones before, so after one gets no answer the rest wait.
   */
  async uploadSettlements(lists: readonly SettlementListInput[]): Promise<UploadReport> {
    const report: UploadReport = { outcomes: [], errors: [] };
    for (const list of lists) {
      if (report.errors.length > 0) {
        report.outcomes.push({ setlId: list.setlinfo.setl_id, status: 'pending', message: '前一张结算清单未获医保中心应答，本张暂缓上传' });
        continue;
      }
      const { error, ...outcome } = await this.uploadSettlementList(list);
      report.outcomes.push(outcome);
      if (error) report.errors.push(error);
    }
    return report;
  }

  /** 2601: reverse a transaction that may have half-happened. Never retried blindly. */
  reverse(request: { psnNo?: string; insuplcAdmdvs?: string; omsgid: string; oinfno: string }) {
    const data = { psn_no: request.psnNo ?? '', omsgid: request.omsgid, oinfno: request.oinfno };
    return this.call(INFNO.reversal, { data }, reversalOutputSchema, { insuplcAdmdvs: request.insuplcAdmdvs });
  }

  /** 3201 totals reconciliation for one insutype × clr_type × period. */
  async reconcile(data: ReconcileData): Promise<Result<Reply<ReconcileOutcome>>> {
    const reply = await this.call(INFNO.reconcile, { data }, reconcileOutputSchema);
    if (!reply.ok) return reply;
    const info = reply.value.output.stmtinfo;
    const label = STMT_RSLT_LABELS[info.stmt_rslt];
    const description = info.stmt_rslt_dscr ?? '';
    return ok({
      ...reply.value,
      output: {
        balanced: info.stmt_rslt === '0',
        stmtRslt: info.stmt_rslt,
        description: label ? description || label : `未知对账结果代码 ${info.stmt_rslt}${description ? `：${description}` : ''}`,
        setlOptins: info.setl_optins,
      },
    });
  }

  /** 9101: one file up (Base64 in the JSON, §8.5); the centre answers the file_qury_no to name it by. */
  async uploadFile(filename: string, bytes: Buffer): Promise<Result<Reply<z.output<typeof fileUploadOutputSchema>>>> {
    return this.call(INFNO.fileUpload, { fsUploadIn: { in: bytes.toString('base64'), filename, fixmedins_code: this.config.hospitalCode } }, fileUploadOutputSchema);
  }

  /** 9102: a file the centre offers (by its file_qury_no), as bytes. */
  async downloadFile(fileQuryNo: string, filename: string): Promise<Result<Buffer>> {
    const reply = await this.call(
      INFNO.fileDownload,
      { fsDownloadIn: { file_qury_no: fileQuryNo, filename, fixmedins_code: this.config.hospitalCode } },
      z.instanceof(Buffer),
    );
    return reply.ok ? ok(reply.value.output) : reply;
  }

  /**
   * 3202 as §16.2: the detail file zipped up through 9101, 3202 with its totals, the result ZIP
   * down through 9102; answers result.txt's rows (every settlement either side has, with stmt_rslt).
   */
  async reconcileDetail(data: Omit<ReconcileDetailData, 'file_qury_no'>, lines: readonly DetailLine[]): Promise<Result<ResultRow[]>> {
    const zip = zipOne(DETAIL_FILE_NAME, Buffer.from(detailFileText(lines), 'utf8'));
    const uploaded = await this.uploadFile(`${this.config.hospitalCode}_${data.clr_type}_${String(data.stmt_begndate).slice(0, 10)}.zip`, zip);
    if (!uploaded.ok) return uploaded;
    const answered = await this.call(INFNO.reconcileDetail, { data: { ...data, file_qury_no: uploaded.value.output.file_qury_no } }, reconcileDetailOutputSchema);
    if (!answered.ok) return answered;
    const info = answered.value.output.fileinfo;
    const file = await this.downloadFile(info.file_qury_no, info.filename);
    if (!file.ok) return file;
    const entry = unzipFirst(file.value);
    if (!entry) return err(bureauError('bureau-invalid-response', '医保中心的对明细账结果文件不是有效的 ZIP'));
    return ok(parseResultFile(entry.content.toString('utf8')));
  }

  private signInKey(): SignInKey {
    return { url: this.url.href, hospitalCode: this.config.hospitalCode, operator: this.config.operator.code, date: businessDate(this.now()) };
  }

  private envelope(infno: string, input: Record<string, unknown>, options: CallOptions, signNo: string): RequestEnvelope {
    const now = this.now();
    const c = this.config;
    const sequence = String(this.state.nextSequence()).padStart(4, '0');
    const e = c.envelope;
    return {
      infno,
      msgid: `${c.hospitalCode}${compactTime(now)}${sequence}`,
      mdtrtarea_admvs: e.mdtrtarea_admvs ?? c.areaCode,
      insuplc_admdvs: options.insuplcAdmdvs ?? '',
      recer_sys_code: e.recer_sys_code,
      dev_no: e.dev_no,
      dev_safe_info: e.dev_safe_info,
      cainfo: e.cainfo,
      signtype: e.signtype,
      infver: e.infver,
      opter_type: e.opter_type,
      opter: c.operator.code,
      opter_name: c.operator.name,
      inf_time: wallTime(now),
      fixmedins_code: c.hospitalCode,
      fixmedins_name: c.hospitalName,
      sign_no: signNo,
      input,
    };
  }

  private async send<S extends z.ZodType>(
    infno: string,
    input: Record<string, unknown>,
    outputSchema: S,
    options: CallOptions,
    signNo: string,
  ): Promise<Result<Reply<z.output<S>>>> {
    const maxAttempts = RETRYABLE_INFNOS.has(infno) ? 1 + this.config.retries : 1;
    const msgids: string[] = [];
    let last: BureauError | undefined;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      if (attempt > 1) await delay(this.config.retryDelayMs * (attempt - 1));
      const envelope = this.envelope(infno, input, options, signNo);
      msgids.push(envelope.msgid);
      await options.onMsgid?.(envelope.msgid);
      const result = await this.exchange(envelope, outputSchema);
      if (result.ok) return ok({ ...result.value, msgid: envelope.msgid, msgids: [...msgids] });
      last = result.error;
      if (!last.transient) break;
    }
    const error = last!;
    const prefix = `交易${infno}`;
    return err({
      ...error,
      infno,
      msgids,
      attempts: msgids.length,
      // A rejection is the bureau's own words; everything else says which transaction and how often.
      message: error.code === 'bureau-rejected' ? error.message : `${prefix}：${error.message}${msgids.length > 1 ? `（已尝试${msgids.length}次）` : ''}`,
    });
  }

  private async exchange<S extends z.ZodType>(envelope: RequestEnvelope, outputSchema: S): Promise<Result<Omit<Reply<z.output<S>>, 'msgid' | 'msgids'>>> {
    const c = this.config;
    const headers: Record<string, string> = {};
    if (c.gateway) Object.assign(headers, tifHeaders(c.gateway, this.now()));
    if (this.oauth) {
      const bearer = await this.oauth.bearer();
      if (!bearer.ok) return bearer;
      headers.Authorization = `Bearer ${bearer.value}`;
    }
    const wire: Record<string, unknown> =
      c.oauth2?.sm4 && c.oauth2.privateKey ? { ...envelope, ...encryptInput(envelope.input, c.oauth2.clientId, c.oauth2.privateKey) } : envelope;
    const url = transactionUrl(this.url, c.paths, String(envelope.infno));
    const posted = await postJson(url, JSON.stringify(wire), { timeoutMs: c.timeoutMs, ca: c.ca, headers });
    if (!posted.ok) return posted;
    if (posted.value.status === 401 || posted.value.status === 403) {
      this.oauth?.reset();
      return err(bureauError('bureau-auth-refused', `医保平台拒绝了本机的身份验证（HTTP ${posted.value.status}）${refusalReason(posted.value.body)}，请检查接入配置`));
    }
    if (posted.value.status !== 200) {
      return err(bureauError('bureau-http-error', `医保中心返回 HTTP ${posted.value.status}`));
    }
    // A file (9102, §1 shape A) comes back as the bytes themselves; a refusal still as an envelope.
    if (/application\/octet-stream/i.test(posted.value.contentType)) {
      const file = outputSchema.safeParse(posted.value.bytes);
      if (!file.success) return err(bureauError('bureau-invalid-response', '医保中心返回了文件，但本交易应答不是文件'));
      return ok({ output: file.data });
    }
    let raw: unknown;
    try {
      raw = parseJsonKeepingNumbers(posted.value.body);
    } catch (e) {
      if (!(e instanceof JsonSyntaxError)) throw e;
      return err(bureauError('bureau-malformed', '医保中心应答不是有效的 JSON，无法解析'));
    }
    const env = responseEnvelopeSchema.safeParse(raw);
    if (!env.success) return err(invalidResponse(env.error));
    const response = env.data;
    if (response.infcode !== '0') {
      const message = response.err_msg ?? `医保中心返回失败（infcode ${response.infcode}），未给出原因`;
      return err(bureauError('bureau-rejected', message, { infcode: response.infcode }));
    }
    const output = outputSchema.safeParse(response.output);
    if (!output.success) return err(invalidResponse(output.error));
    return ok({ output: output.data, warnMsg: response.warn_msg, infRefmsgid: response.inf_refmsgid });
  }
}

/** §17.12 stmt_rslt: 0 对平, 1 中心多, 2 医药机构多, 3 数据不一致. */
const STMT_RSLT_LABELS: Readonly<Record<string, string>> = { '0': '对平', '1': '中心多', '2': '医药机构多', '3': '数据不一致' };

/** The gateway's own words for a refusal ({message} or {msg}), if it gave any. */
function refusalReason(body: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: unknown; msg?: unknown };
    const text = parsed.message ?? parsed.msg;
    return typeof text === 'string' && text ? `：${text.slice(0, 100)}` : '';
  } catch {
    return '';
  }
}

function invalidResponse(error: z.ZodError): BureauError {
  const issue = error.issues[0];
  const where = issue ? issue.path.join('.') || '(根)' : '';
  return bureauError('bureau-invalid-response', `医保中心应答内容不符合接口规范：${where} ${issue?.message ?? ''}`.trim());
}
