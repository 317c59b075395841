/**
 * How the simulated platform admits a call, per the shape it is set up as (national-platform.md
 * §1, §4): a gateway that checks the four x-tif-* headers (timestamp within a window: ours, 300 s,
 * the spec gives none), or the OAuth2 token service of shape D with optional SM4/SM2 input.
 * A refused caller gets HTTP 401 with {code, message} (ours: no source shows the gateway's answer).
 */
import type http from 'node:http';
import { randomUUID } from 'node:crypto';
import { parseJsonKeepingNumbers, tifSignature, sm2VerifyBase64, sm4DecryptBase64 } from '../../electron/bureau';

export interface SimAccessOptions {
  gateway?: { paasid: string; token: string; windowSeconds?: number };
  oauth2?: { clientId: string; clientSecret: string; username: string; password: string; /** the hospital's SM2 public key (cainfo check) */ publicKey?: string };
}

export type Admission = { ok: true } | { ok: false; status: number; message: string };

export class SimAccess {
  private readonly tokens = new Set<string>();

  constructor(private readonly options: SimAccessOptions) {}

  /** x-tif headers and the bearer token of one call. */
  admit(req: http.IncomingMessage, now: Date): Admission {
    const g = this.options.gateway;
    if (g) {
      const h = (name: string) => String(req.headers[name] ?? '');
      const [paasid, timestamp, nonce, signature] = ['x-tif-paasid', 'x-tif-timestamp', 'x-tif-nonce', 'x-tif-signature'].map(h) as [string, string, string, string];
      if (!paasid || !timestamp || !nonce || !signature) return refuse('缺少 x-tif-paasid、x-tif-timestamp、x-tif-nonce 或 x-tif-signature 请求头');
      if (paasid !== g.paasid) return refuse(`未登记的 x-tif-paasid ${paasid.slice(0, 40)}`);
      if (!/^\d{10}$/.test(timestamp) || Math.abs(now.getTime() / 1000 - Number(timestamp)) > (g.windowSeconds ?? 300)) return refuse('x-tif-timestamp 已过期或格式错误');
      if (signature !== tifSignature(timestamp, g.token, nonce)) return refuse('x-tif-signature 签名验证失败');
    }
    if (this.options.oauth2) {
      const auth = String(req.headers.authorization ?? '');
      if (!auth.startsWith('Bearer ') || !this.tokens.has(auth.slice(7))) return refuse('访问令牌无效或已过期');
    }
    return { ok: true };
  }

  /** POST /auth/oauth/token: a bearer token for the configured client and user. */
  issueToken(req: http.IncomingMessage, form: string): { status: number; body: unknown } {
    const o = this.options.oauth2;
    if (!o) return { status: 404, body: { error: 'no token service' } };
    const basic = String(req.headers.authorization ?? '');
    const expected = `Basic ${Buffer.from(`${o.clientId}:${o.clientSecret}`).toString('base64')}`;
    const params = new URLSearchParams(form);
    if (basic !== expected) return { status: 401, body: { code: 401, message: '客户端认证失败' } };
    if (params.get('grant_type') !== 'password' || params.get('username') !== o.username || params.get('password') !== o.password) {
      return { status: 400, body: { code: 400, message: '用户名或密码错误' } };
    }
    const token = randomUUID().replace(/-/g, '');
    this.tokens.add(token);
    return { status: 200, body: { access_token: token, token_type: 'bearer', expires_in: 3600, scope: params.get('scope') ?? 'all' } };
  }

  /** An SM4-encrypted input decrypted and its SM2 cainfo checked; plaintext input passes through. */
  openInput(raw: Record<string, unknown>): { ok: true; envelope: Record<string, unknown> } | { ok: false; errMsg: string } {
    if (raw.enc_type === undefined || raw.enc_type === '' || raw.enc_type === null) return { ok: true, envelope: raw };
    const o = this.options.oauth2;
    if (raw.enc_type !== 'SM4' || !o) return { ok: false, errMsg: `不支持的加密类型 enc_type ${String(raw.enc_type)}` };
    let plaintext: string;
    let input: unknown;
    try {
      plaintext = sm4DecryptBase64(String(raw.input), o.clientId);
      input = parseJsonKeepingNumbers(plaintext);
    } catch {
      return { ok: false, errMsg: 'input 解密失败（SM4）' };
    }
    if (o.publicKey && !(raw.signtype === 'SM2' && typeof raw.cainfo === 'string' && sm2VerifyBase64(plaintext, raw.cainfo, o.publicKey))) {
      return { ok: false, errMsg: '数字签名 cainfo 验证失败（SM2）' };
    }
    return { ok: true, envelope: { ...raw, input } };
  }
}

function refuse(message: string): Admission {
  return { ok: false, status: 401, message };
}
