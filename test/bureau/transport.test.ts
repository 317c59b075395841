/**
 * The transport shapes of national-platform.md §1/§4 against the simulator over loopback: the
 * standard SM3/SM4 vectors and the spec's own vectors, the gateway's x-tif signature (a wrong one
 * and a stale one refused), per-service paths, and OAuth2 with SM4-encrypted, SM2-signed input.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sm2, sm3, sm4 } from 'sm-crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BureauClient, type BureauClientConfig } from '../../electron/bureau/client';
import { tifHeaders, tifSignature } from '../../electron/bureau/gateway';
import { transactionUrl } from '../../electron/bureau/service-paths';
import { sm2SignBase64, sm2VerifyBase64, sm4DecryptBase64, sm4EncryptBase64 } from '../../electron/bureau/sm-envelope';
import { startBureauSimulator } from '../../tools/bureau-sim/server';
import type { SimAccessOptions } from '../../tools/bureau-sim/access';
import { CASHIER, HOSPITAL, WANG, library } from './helpers';

describe('test vectors', () => {
  it('SM3 (GB/T 32905 example 1: "abc")', () => expect(sm3('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0'));

  it('SM4 (GB/T 32907 example: key = plaintext = 0123456789abcdeffedcba9876543210)', () => {
    const hex = '0123456789abcdeffedcba9876543210';
    expect(sm4.encrypt(Array.from(Buffer.from(hex, 'hex')), hex, { padding: 'none' })).toBe('681edf34d206965e86b3e94f536e4246');
  });

  it('x-tif-signature (§4.1 vector)', () =>
    expect(tifSignature('1700000000', 'T0KEN', 'abcdef0123456789abcdef0123456789')).toBe('301e877818a40f0b38f601fc81f896bd44a96fad7238c9f0bebdbbf60a10c110'));

  it('the appId/appSecret key derivation and encData (§4.3 vector)', () => {
    const key = sm4
      .encrypt('demoSecret', Array.from(Buffer.from('0123456789ABCDEFXXXX'.slice(0, 16), 'utf8')))
      .toUpperCase()
      .slice(0, 16);
    expect(key).toBe('D0EE9D30F19967D2');
    expect(sm4.encrypt('{"a":"1"}', Array.from(Buffer.from(key, 'utf8'))).toUpperCase()).toBe('13902AA5EDA5977E90654128B9D27291');
  });

  it('SM4 input encryption round trip and SM2 r‖s signatures (a changed text or key fails)', () => {
    const clientId = '0123456789ABCDEF';
    const plain = '{"data":{"psn_no":"P1","cum_ym":"202403"}}';
    const enc = sm4EncryptBase64(plain, clientId);
    expect(enc).not.toContain('psn_no');
    expect(sm4DecryptBase64(enc, clientId)).toBe(plain);
    const keys = sm2.generateKeyPairHex();
    const privateKey = Buffer.from(keys.privateKey.padStart(64, '0'), 'hex').toString('base64');
    const sig = sm2SignBase64(plain, privateKey);
    expect(Buffer.from(sig, 'base64')).toHaveLength(64);
    expect(sm2VerifyBase64(plain, sig, keys.publicKey)).toBe(true);
    expect(sm2VerifyBase64(`${plain} `, sig, keys.publicKey)).toBe(false);
    expect(sm2VerifyBase64(plain, sig, sm2.generateKeyPairHex().publicKey)).toBe(false);
  });

  it('per-service URLs (§1 shape B)', () => {
    const base = new URL('https://ybj.example.cn:8443/');
    expect(transactionUrl(base, 'per-service', '9001').href).toBe('https://ybj.example.cn:8443/fsi/api/signInSignOutService/signIn');
    expect(transactionUrl(new URL('http://10.1.2.3:8080/prefix/'), 'per-service', '5206').href).toBe(
      'http://10.1.2.3:8080/prefix/fsi/api/fsiIntegratedQueryService/queryFixmedinsPracPsnSum',
    );
    expect(transactionUrl(base, 'dispatcher', '9001')).toBe(base);
  });
});

const GATEWAY = { paasid: 'hsa_paas_001', token: 'gw-secret-token-0001' };
const KEYS = sm2.generateKeyPairHex();
const OAUTH = { clientId: 'JL_HOSPITAL_0001', clientSecret: 'client-secret-0001', username: 'h22010200001', password: 'pw-secret-0001' };

async function simWith(access: SimAccessOptions) {
  const dir = mkdtempSync(join(tmpdir(), 'onebill-transport-'));
  const sim = await startBureauSimulator({ port: 0, dbPath: join(dir, 'sim.sqlite'), library, access });
  const clients: BureauClient[] = [];
  return {
    sim,
    client(config: Partial<BureauClientConfig>, now?: () => Date) {
      const c = BureauClient.open(
        { url: sim.url, ...HOSPITAL, operator: CASHIER, timeoutMs: 2000, retries: 0, ...config },
        join(dir, `state-${clients.length}.sqlite`),
        now,
      );
      clients.push(c);
      return c;
    },
    async close() {
      for (const c of clients) c.close();
      await sim.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe('shape C: a gateway checking x-tif-* headers', () => {
  let s: Awaited<ReturnType<typeof simWith>>;
  beforeAll(async () => {
    s = await simWith({ gateway: GATEWAY });
  });
  afterAll(() => s.close());

  it('admits a signed call, and sends the four headers the spec names', async () => {
    const r = await s.client({ gateway: GATEWAY }).personInfo({ mdtrt_cert_type: '02', mdtrt_cert_no: WANG.certno });
    expect(r.ok && r.value.output.baseinfo.psn_name).toBe('王建国');
    expect(Object.keys(tifHeaders(GATEWAY, new Date()))).toEqual(['x-tif-paasid', 'x-tif-timestamp', 'x-tif-nonce', 'x-tif-signature']);
  });

  it('refuses a wrong signature, and never says the token', async () => {
    const r = await s.client({ gateway: { ...GATEWAY, token: 'not-the-token' } }).signIn();
    expect(!r.ok && r.error).toMatchObject({
      code: 'bureau-auth-refused',
      transient: false,
      message: '交易9001：医保平台拒绝了本机的身份验证（HTTP 401）：x-tif-signature 签名验证失败，请检查接入配置',
    });
    expect(JSON.stringify(r)).not.toContain('not-the-token');
  });

  it('refuses a stale timestamp, and a call without the headers', async () => {
    const hourAgo = () => new Date(Date.now() - 3_600_000);
    const stale = await s.client({ gateway: GATEWAY }, hourAgo).signIn();
    expect(!stale.ok && stale.error.message).toContain('x-tif-timestamp 已过期或格式错误');
    const bare = await s.client({}).signIn();
    expect(!bare.ok && bare.error.message).toContain('缺少 x-tif-paasid');
  });
});

describe('shape B: per-service paths', () => {
  let s: Awaited<ReturnType<typeof simWith>>;
  beforeAll(async () => {
    s = await simWith({});
  });
  afterAll(() => s.close());

  it('posts every transaction to its own path under the base', async () => {
    const c = s.client({ url: s.sim.base, paths: 'per-service' });
    const person = await c.personInfo({ mdtrt_cert_type: '02', mdtrt_cert_no: WANG.certno });
    expect(person.ok).toBe(true);
    const cum = await c.accumulators(WANG.psnNo, '520100', '202403');
    expect(cum.ok && cum.value.output.rows.length).toBeGreaterThan(0);
  });

  it('refuses a transaction sent to another transaction’s path', async () => {
    const res = await fetch(`${s.sim.base}/fsi/api/fsiPsnInfoService/queryPsnInfo`, { method: 'POST', body: JSON.stringify({ infno: '9001' }) });
    expect(await res.json()).toMatchObject({ infcode: -1, err_msg: expect.stringMatching(/^报文缺少必填字段|与服务路径/) });
  });
});

describe('shape D: OAuth2 bearer, SM4-encrypted input signed with SM2', () => {
  let s: Awaited<ReturnType<typeof simWith>>;
  const privateKey = Buffer.from(KEYS.privateKey.padStart(64, '0'), 'hex').toString('base64');
  const oauth2 = (over: Partial<typeof OAUTH> = {}, key = privateKey) => ({ tokenUrl: '', ...OAUTH, ...over, scope: 'all', sm4: true, privateKey: key });
  beforeAll(async () => {
    s = await simWith({ oauth2: { ...OAUTH, publicKey: KEYS.publicKey } });
  });
  afterAll(() => s.close());

  it('an encrypted round trip: token, 9001, 1101 and 5206 with the input SM4-encrypted and SM2-signed', async () => {
    const c = s.client({ oauth2: { ...oauth2(), tokenUrl: `${s.sim.base}/auth/oauth/token` } });
    const person = await c.personInfo({ mdtrt_cert_type: '02', mdtrt_cert_no: WANG.certno });
    expect(person.ok && person.value.output.baseinfo.psn_no).toBe(WANG.psnNo);
    const cum = await c.accumulators(WANG.psnNo, '520100', '202403');
    expect(cum.ok).toBe(true);
  });

  it('refuses a signature made with another key, and a wrong password — without repeating either secret', async () => {
    const other = Buffer.from(sm2.generateKeyPairHex().privateKey.padStart(64, '0'), 'hex').toString('base64');
    const badKey = await s.client({ oauth2: { ...oauth2({}, other), tokenUrl: `${s.sim.base}/auth/oauth/token` } }).signIn();
    expect(!badKey.ok && badKey.error).toMatchObject({ code: 'bureau-rejected', message: '数字签名 cainfo 验证失败（SM2）' });
    const badPassword = await s.client({ oauth2: { ...oauth2({ password: 'wrong-password-xyz' }), tokenUrl: `${s.sim.base}/auth/oauth/token` } }).signIn();
    expect(!badPassword.ok && badPassword.error).toMatchObject({ code: 'bureau-auth-refused' });
    expect(JSON.stringify([badKey, badPassword])).not.toMatch(/wrong-password-xyz|client-secret-0001|pw-secret-0001/);
  });

  it('refuses a call without a token', async () => {
    const r = await s.client({}).signIn();
    expect(!r.ok && r.error.message).toContain('访问令牌无效或已过期');
  });
});
