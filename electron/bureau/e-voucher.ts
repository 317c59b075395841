/**
 * The e-voucher middle platform (national-platform.md §6.3): a scanned 医保电子凭证 QR code is
 * decoded by `ec.query` at `…/localcfc/api/hsecfc/localQrCodeQuery` into the short-lived ecToken
 * that 1101 (and the settlement transactions) take as mdtrt_cert_no — the QR text itself never
 * goes to 1101. Ours: the scanned text travels in `data.ecQrCode` (a keyboard-wedge scanner types
 * it; the vendor controls the sources use read the scanner themselves and send no code).
 */
import { z } from 'zod';
import { bureauError, err, ok, type Result } from './errors';
import { postJson, type PostOptions } from './transport';

/** The transType, also the `infno` of its errors. */
export const EC_QUERY = 'ec.query';
export const EC_QUERY_PATH = '/localcfc/api/hsecfc/localQrCodeQuery';
/** The settlement platform's own route to the same service (NT1). */
export const EC_QUERY_FSI_PATH = '/fsi/api/hsecfc/localQrCodeQuery';

/** 用码业务类型 (§6.3, SP): what the code is used for. */
export const EC_BUSINESS_TYPES = ['01101', '01201', '01202', '01203', '01204', '01301', '01302', '01102', '01103', '01104', '02121', '02122'] as const;

export const ecQueryRequestSchema = z.object({
  data: z.object({
    orgId: z.string().min(1).max(40),
    businessType: z.enum(EC_BUSINESS_TYPES, { message: '用码业务类型 businessType 无效' }),
    operatorId: z.string().min(1).max(64),
    operatorName: z.string().min(1).max(64),
    officeId: z.string().max(20).optional(),
    officeName: z.string().max(30).optional(),
    deviceType: z.string().max(30).optional(),
    ecQrCode: z.string().min(1).max(2000),
  }),
  orgId: z.string().min(1).max(40),
  transType: z.literal(EC_QUERY, { message: 'transType 应为 ec.query' }),
});
export type EcQueryRequest = z.infer<typeof ecQueryRequestSchema>;

const ecAnswerSchema = z.object({
  code: z.union([z.number(), z.string()]).transform(String),
  message: z.string().nullish(),
  data: z
    .object({ idNo: z.string(), idType: z.string(), userName: z.string(), ecToken: z.string().min(1).max(64), insuOrg: z.string().nullish() })
    .passthrough()
    .nullish(),
});

export interface EVoucherHolder {
  ecToken: string;
  idNo: string;
  idType: string;
  userName: string;
  insuOrg: string | null;
}

/** The middle platform's URL: the site's ecUrl, else beside the settlement platform (its origin and prefix). */
export function ecQueryUrl(bureauUrl: string, ecUrl?: string): URL {
  if (ecUrl) return new URL(ecUrl);
  const url = new URL(bureauUrl);
  const prefix = url.pathname.replace(/\/fsi\/api\/.*$/, '').replace(/\/$/, '');
  return new URL(`${url.origin}${prefix}${EC_QUERY_PATH}`);
}

export async function queryEVoucher(url: URL, request: EcQueryRequest, options: PostOptions): Promise<Result<EVoucherHolder>> {
  const posted = await postJson(url, JSON.stringify(request), options);
  if (!posted.ok) return err({ ...posted.error, infno: EC_QUERY, message: `电子凭证解码：${posted.error.message}` });
  if (posted.value.status === 401 || posted.value.status === 403)
    return err(bureauError('bureau-auth-refused', `电子凭证中台拒绝了本机的身份验证（HTTP ${posted.value.status}），请检查接入配置`, { infno: EC_QUERY }));
  if (posted.value.status !== 200) return err(bureauError('bureau-http-error', `电子凭证中台返回 HTTP ${posted.value.status}`, { infno: EC_QUERY }));
  let raw: unknown;
  try {
    raw = JSON.parse(posted.value.body);
    // One front end finds the answer as JSON text inside `message` (NT2).
    if (
      raw &&
      typeof raw === 'object' &&
      !('data' in raw) &&
      typeof (raw as { message?: unknown }).message === 'string' &&
      (raw as { message: string }).message.startsWith('{')
    )
      raw = JSON.parse((raw as { message: string }).message);
  } catch {
    return err(bureauError('bureau-malformed', '电子凭证中台应答不是有效的 JSON', { infno: EC_QUERY }));
  }
  const answer = ecAnswerSchema.safeParse(raw);
  if (!answer.success) return err(bureauError('bureau-invalid-response', '电子凭证中台应答内容不符合接口规范', { infno: EC_QUERY }));
  const a = answer.data;
  if (a.code !== '0' || !a.data)
    return err(bureauError('bureau-rejected', `电子凭证无效：${a.message ?? `代码 ${a.code}`}，请患者刷新医保电子凭证后重新扫码`, { infcode: a.code, infno: EC_QUERY }));
  return ok({ ecToken: a.data.ecToken, idNo: a.data.idNo, idType: a.data.idType, userName: a.data.userName, insuOrg: a.data.insuOrg ?? null });
}
