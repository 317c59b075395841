/**
 * The bureau section of the site file (one per hospital): how this hospital reaches the national
 * platform (national-platform.md §1 shapes A–D) and every envelope field of §2 it sets itself.
 *
 *   bureau:
 *     mode: live                 # or demo: the built-in simulator, labelled 演示 everywhere
 *     url: http://10.1.2.3:8080/fsi/api/rsfComIfsService/callService
 *     paths: dispatcher          # or per-service: url is the base, paths as §1
 *     gateway: { paasid: ..., token: ... }     # present = x-tif-* headers (§4.1)
 *     oauth2: { tokenUrl: ..., clientId: ..., clientSecret: ..., username: ..., password: ..., sm4: true, privateKey: ... }
 *     envelope: { infver: V1.0, dev_no: ..., dev_safe_info: ..., mac: ..., ip: ..., recer_sys_code: ...,
 *                 mdtrtarea_admvs: ..., signtype: ..., cainfo: ... }
 *     nightlyOperator: { code: ..., name: ... }
 *     settlement: nightly        # or realtime: the centre settles at F4/F9, OneBill adds the fourth layer
 *
 * Secrets (gateway.token, oauth2.clientSecret/password/privateKey) are never logged, audited,
 * put in an error message or shown: `redactBureauConfig` is what may be displayed.
 */
import { z } from 'zod';
import { bureauUrlSchema } from '../../shared/contract';

const required = (what: string) =>
  z
    .string({ error: `${what}不能为空` })
    .trim()
    .min(1, `${what}不能为空`);

export const gatewaySchema = z.object({ paasid: required('gateway.paasid'), token: required('gateway.token') }).strict();

export const oauth2Schema = z
  .object({
    tokenUrl: bureauUrlSchema,
    clientId: required('oauth2.clientId'),
    clientSecret: required('oauth2.clientSecret'),
    username: required('oauth2.username'),
    password: required('oauth2.password'),
    scope: z.string().default('all'),
    /** SM4-encrypt `input` with the client id as key and sign it with SM2 into cainfo (§4.2). */
    sm4: z.boolean().default(false),
    /** The hospital's SM2 private key: Base64 of the raw 32-byte scalar (or 64 hex digits). */
    privateKey: z.string().optional(),
  })
  .strict()
  .superRefine((o, ctx) => {
    if (o.sm4 && Buffer.byteLength(o.clientId, 'utf8') !== 16)
      ctx.addIssue({ code: 'custom', path: ['clientId'], message: 'SM4 加密以 clientId 为密钥，clientId 必须为 16 字节' });
    if (o.sm4 && !o.privateKey) ctx.addIssue({ code: 'custom', path: ['privateKey'], message: 'SM4 加密时须配置 SM2 私钥（用于 cainfo 签名）' });
  });

/** §2.1 fields the site sets (the rest come from the hospital, the operator and the call). */
export const envelopeFieldsSchema = z
  .object({
    infver: z.string().max(6).default('V1.0'),
    dev_no: z.string().max(100).default(''),
    dev_safe_info: z.string().max(2000).default(''),
    mac: z.string().max(20).default(''),
    ip: z.string().max(20).default(''),
    recer_sys_code: z.string().max(10).default('YBXT'),
    /** The hospital's 就医地医保区划: required live; in demo mode the demo region's code. */
    mdtrtarea_admvs: z
      .string()
      .regex(/^\d{6}$/, 'mdtrtarea_admvs 必须为6位数字')
      .optional(),
    signtype: z.string().max(10).default(''),
    cainfo: z.string().max(1024).default(''),
    opter_type: z.enum(['1', '2', '3']).default('1'),
  })
  .strict();

export const operatorSchema = z.object({ code: required('操作员编号'), name: required('操作员姓名') }).strict();

export const bureauSiteConfigSchema = z
  .object({
    mode: z.enum(['demo', 'live']).default('demo'),
    /** realtime: the centre settles at F4/F9 (national-platform.md §9–§11); nightly: OneBill settles, 4101 at night. */
    settlement: z.enum(['realtime', 'nightly'], { message: 'bureau.settlement 只能是 realtime（实时结算）或 nightly（夜间上传）' }).default('nightly'),
    url: bureauUrlSchema.optional(),
    paths: z.enum(['dispatcher', 'per-service']).default('dispatcher'),
    gateway: gatewaySchema.optional(),
    oauth2: oauth2Schema.optional(),
    envelope: envelopeFieldsSchema.default(envelopeFieldsSchema.parse({})),
    /** The e-voucher middle platform's ec.query URL (§6.3); absent: <origin>/localcfc/api/hsecfc/localQrCodeQuery. */
    ecUrl: bureauUrlSchema.optional(),
    /** Who the nightly upload signs in as (9001) and names in every envelope. */
    nightlyOperator: operatorSchema.optional(),
    timeoutMs: z.number().int().positive().default(10_000),
    /** 5206 code spelling (resources/bureau/cum-codes.yaml) when the region's default does not fit. */
    cumCodes: z.string().optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.mode === 'live' && !c.url) ctx.addIssue({ code: 'custom', path: ['url'], message: 'bureau.mode 为 live 时须配置 bureau.url' });
    if (c.mode === 'live' && !c.envelope.mdtrtarea_admvs)
      ctx.addIssue({
        code: 'custom',
        path: ['envelope', 'mdtrtarea_admvs'],
        message: 'bureau.mode 为 live 时须配置本院的就医地医保区划 envelope.mdtrtarea_admvs（6位）',
      });
    if (c.mode === 'live' && !c.nightlyOperator)
      ctx.addIssue({ code: 'custom', path: ['nightlyOperator'], message: 'bureau.mode 为 live 时须配置夜间上传的操作员 nightlyOperator（医保中心登记的经办人）' });
    if (c.gateway && c.oauth2) ctx.addIssue({ code: 'custom', path: ['oauth2'], message: 'gateway 与 oauth2 只能二选一' });
  });
export type BureauSiteConfig = z.output<typeof bureauSiteConfigSchema>;
export type BureauSiteConfigInput = z.input<typeof bureauSiteConfigSchema>;

/** The demo site's nightly operator (the simulator knows no real staff). */
export const DEMO_NIGHTLY_OPERATOR = { code: 'DEMO-NIGHT', name: '夜间上传（演示）' } as const;

const SECRET = '******';

/** The config as it may be shown or logged: every secret replaced. */
export function redactBureauConfig(c: BureauSiteConfig): BureauSiteConfig {
  return {
    ...c,
    ...(c.gateway ? { gateway: { ...c.gateway, token: SECRET } } : {}),
    ...(c.oauth2 ? { oauth2: { ...c.oauth2, clientSecret: SECRET, password: SECRET, ...(c.oauth2.privateKey ? { privateKey: SECRET } : {}) } } : {}),
  };
}

/** The secret values of a config, for scrubbing any text before it is logged or shown. */
export function secretsOf(c: Pick<BureauSiteConfig, 'gateway' | 'oauth2'>): string[] {
  return [c.gateway?.token, c.oauth2?.clientSecret, c.oauth2?.password, c.oauth2?.privateKey].filter((s): s is string => !!s && s.length >= 4);
}

export function scrubSecrets(text: string, secrets: readonly string[]): string {
  return secrets.reduce((t, s) => t.split(s).join(SECRET), text);
}
