/** One HTTP(S) POST with a hard deadline; every failure becomes a BureauError. */
import http from 'node:http';
import https from 'node:https';
import { bureauError, err, ok, type Result } from './errors';

export interface PostOptions {
  timeoutMs: number;
  /** Extra CA certificates for a bureau with a private certificate chain (HTTPS only). */
  ca?: string | Buffer;
  /** Extra headers (gateway x-tif-*, Authorization); Content-Type defaults to JSON. */
  headers?: Record<string, string>;
}

export interface HttpReply {
  status: number;
  body: string;
  /** The raw body (a 9102 file comes back as application/octet-stream). */
  bytes: Buffer;
  contentType: string;
}

export function postJson(url: URL, body: string, options: PostOptions): Promise<Result<HttpReply>> {
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: Result<HttpReply>) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve(result);
    };
    const request = transport.request(
      url,
      {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json; charset=utf-8',
          ...options.headers,
          'Content-Length': Buffer.byteLength(body),
        },
        ...(url.protocol === 'https:' && options.ca ? { ca: options.ca } : {}),
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const bytes = Buffer.concat(chunks);
          finish(ok({ status: response.statusCode ?? 0, body: bytes.toString('utf8'), bytes, contentType: String(response.headers['content-type'] ?? '') }));
        });
        response.on('error', () => finish(err(dropped())));
        response.on('aborted', () => finish(err(dropped())));
      },
    );
    const deadline = setTimeout(() => {
      finish(err(bureauError('bureau-timeout', `医保中心在${options.timeoutMs / 1000}秒内未应答`)));
      request.destroy();
    }, options.timeoutMs);
    request.on('error', (error: NodeJS.ErrnoException) => finish(err(classify(error))));
    request.end(body);
  });
}

function dropped() {
  return bureauError('bureau-connection-dropped', '与医保中心的连接中断，未收到完整应答');
}

function classify(error: NodeJS.ErrnoException) {
  switch (error.code) {
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EAI_AGAIN':
      return bureauError('bureau-unreachable', `无法连接医保中心（${error.code}），请检查网络`);
    case 'ECONNRESET':
    case 'EPIPE':
      return dropped();
    default:
      return error.message === 'socket hang up' ? dropped() : bureauError('bureau-unreachable', `无法连接医保中心：${error.message}`);
  }
}
