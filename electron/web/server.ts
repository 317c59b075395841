/**
 * Browser mode: the same backend over loopback HTTP. `POST /api/<op>` with the per-launch token in
 * the `x-onebill-token` header and a JSON body → the contract's `{ ok, value } | { ok: false, error }`.
 * Everything else serves the built renderer (dist/renderer). The token is never served: it travels
 * in the printed URL's fragment (`#token=…`), which browsers do not send to servers.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { TOKEN_HEADER } from '../../shared/contract';
import type { Backend } from '../backend';
import { SECURITY_HEADERS, hostAllowed, originAllowed, tokensEqual } from './security';
import { staticFile } from './static-files';
import { readBody } from '../http';

export interface WebServerOptions {
  backend: Pick<Backend, 'handle'>;
  /** 0 or absent: an ephemeral port. */
  port?: number;
  rendererDir: string;
  /** Fixed token (tests); otherwise 32 random bytes per launch. */
  token?: string;
}

export interface WebServer {
  /** Open this in a browser: it carries the token in its fragment. */
  url: string;
  origin: string;
  port: number;
  token: string;
  stop(): Promise<void>;
}

const MAX_BODY = 64 * 1024 * 1024;
const API_PREFIX = '/api/';

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function send(res: http.ServerResponse, status: number, type: string, body: Buffer | string, extra: Record<string, string> = {}) {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), ...extra });
  res.end(body);
}

function sendJson(res: http.ServerResponse, status: number, value: unknown) {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value), { 'Cache-Control': 'no-store' });
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  let port = 0;

  async function api(req: http.IncomingMessage, res: http.ServerResponse, op: string) {
    if (req.method !== 'POST') throw new HttpError(405, 'invalid-argument', '只接受 POST 请求');
    if (!originAllowed(req.headers.origin, port)) throw new HttpError(403, 'forbidden', '拒绝来自其他网页的请求');
    const given = req.headers[TOKEN_HEADER];
    if (!tokensEqual(Array.isArray(given) ? given[0] : given, token)) throw new HttpError(401, 'unauthorized', '访问令牌无效，请使用启动时打印的地址重新打开');
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) throw new HttpError(415, 'invalid-argument', '请求须为 JSON');
    const text = await readBody(req, MAX_BODY, () => new HttpError(413, 'invalid-argument', '请求内容过大'));
    let input: unknown;
    try {
      input = text.trim() === '' ? {} : JSON.parse(text);
    } catch {
      throw new HttpError(400, 'invalid-argument', '请求内容不是有效的 JSON');
    }
    sendJson(res, 200, await options.backend.handle(op, input, { shell: 'browser' }));
  }

  async function route(req: http.IncomingMessage, res: http.ServerResponse) {
    if (!hostAllowed(req.headers.host, port)) throw new HttpError(421, 'forbidden', '主机名不允许');
    const path = new URL(req.url ?? '/', `http://127.0.0.1:${port}`).pathname;
    if (path.startsWith(API_PREFIX)) return api(req, res, path.slice(API_PREFIX.length));
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'invalid-argument', 'method not allowed');
    const file = staticFile(options.rendererDir, path);
    send(res, file.status, file.type, req.method === 'HEAD' ? '' : file.body, { 'Cache-Control': 'no-cache' });
  }

  const server = http.createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (res.headersSent) return res.destroy();
      if (error instanceof HttpError) sendJson(res, error.status, { ok: false, error: { code: error.code, message: error.message } });
      else sendJson(res, 500, { ok: false, error: { code: 'internal', message: '系统内部错误' } });
    });
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/#token=${token}`,
    origin,
    port,
    token,
    stop: () =>
      new Promise<void>((resolveStop) => {
        server.close(() => resolveStop());
        server.closeAllConnections();
      }),
  };
}
