import http from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import net from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN_HEADER } from '../../shared/contract';
import { CONTENT_SECURITY_POLICY, startWebServer, type WebServer } from '../../electron/web';
import { startTestBackend, type TestBackend } from '../backend/helpers';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(port: number, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('browser mode: loopback HTTP bridge', () => {
  let t: TestBackend;
  let server: WebServer;
  let rendererDir: string;
  const api = (op: string, input: unknown, headers: Record<string, string> = {}) =>
    request(server.port, `/api/${op}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(input) });

  beforeAll(async () => {
    rendererDir = mkdtempSync(join(tmpdir(), 'onebill-renderer-'));
    mkdirSync(join(rendererDir, 'assets'));
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>一单通</title><script type="module" src="./assets/app.js"></script>');
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    t = await startTestBackend();
    server = await startWebServer({ backend: t.backend, rendererDir });
  });
  afterAll(async () => {
    await server?.stop();
    await t?.stop();
    rmSync(rendererDir, { recursive: true, force: true });
  });

  it('prints a loopback URL carrying the token in its fragment only', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/#token=${server.token}`);
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it.each([
    ['no token', {}],
    ['a wrong token', { [TOKEN_HEADER]: 'x'.repeat(43) }],
    ['an empty token', { [TOKEN_HEADER]: '' }],
  ])('answers 401 to an API call with %s', async (_name, headers) => {
    const reply = await api('status.get', {}, headers);
    expect(reply.status).toBe(401);
    expect(JSON.parse(reply.body)).toEqual({ ok: false, error: { code: 'unauthorized', message: '访问令牌无效，请使用启动时打印的地址重新打开' } });
  });

  it('hands a call with the token to the backend', async () => {
    const reply = await api('status.get', {}, { [TOKEN_HEADER]: server.token });
    expect(reply.status).toBe(200);
    const result = JSON.parse(reply.body);
    expect(result.ok).toBe(true);
    expect(result.value.shell).toBe('test');
    expect(reply.headers['cache-control']).toBe('no-store');
  });

  it('passes the backend’s refusals through unchanged', async () => {
    const reply = await api('settlement.list', {}, { [TOKEN_HEADER]: server.token });
    expect(JSON.parse(reply.body)).toEqual({ ok: false, error: { code: 'not-logged-in', message: '请先登录' } });
    const unknown = await api('no.such', {}, { [TOKEN_HEADER]: server.token });
    expect(JSON.parse(unknown.body)).toEqual({ ok: false, error: { code: 'unknown-operation', message: '未知操作：no.such' } });
  });

  it('refuses non-JSON bodies, other origins and foreign Host headers', async () => {
    const form = await request(server.port, '/api/status.get', { method: 'POST', headers: { 'content-type': 'text/plain', [TOKEN_HEADER]: server.token }, body: '{}' });
    expect(form.status).toBe(415);
    const cross = await api('status.get', {}, { [TOKEN_HEADER]: server.token, origin: 'https://evil.example' });
    expect(cross.status).toBe(403);
    const rebound = await request(server.port, '/', { headers: { host: `evil.example:${server.port}` } });
    expect(rebound.status).toBe(421);
  });

  it('sends no CORS headers, not even to a preflight', async () => {
    const preflight = await request(server.port, '/api/status.get', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(405);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const ok = await api('status.get', {}, { [TOKEN_HEADER]: server.token });
    expect(ok.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('serves the renderer with the strict CSP header and a single-page fallback', async () => {
    const index = await request(server.port, '/');
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect(index.body).toContain('<title>一单通</title>');
    expect(index.body).not.toContain(server.token);
    const script = await request(server.port, '/assets/app.js');
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect((await request(server.port, '/history')).body).toContain('<title>一单通</title>');
    expect((await request(server.port, '/assets/missing.js')).status).toBe(404);
  });

  it('does not serve files outside the renderer folder', async () => {
    for (const path of ['/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2f..%2fetc%2fpasswd', '/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc/hosts']) {
      const reply = await request(server.port, path);
      expect(reply.body).not.toContain('root:');
      expect(reply.body).not.toContain('localhost');
    }
  });

  it('listens on 127.0.0.1 only', async () => {
    const external = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal);
    if (!external) return; // a machine with loopback only has nothing else to reach
    const refused = await new Promise<string>((resolve) => {
      const socket = net.connect({ host: external.address, port: server.port });
      socket.on('connect', () => {
        socket.destroy();
        resolve('connected');
      });
      socket.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    });
    expect(refused).toBe('ECONNREFUSED');
  });
});
