import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
};

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>OneBill 一单通</title>
<p>界面尚未构建：请先运行 <code>npx vite build</code>（或 <code>npm start</code>）。</p>
<p>The renderer has not been built: run <code>npx vite build</code> (or <code>npm start</code>).</p>`;

export interface StaticFile {
  status: number;
  type: string;
  body: Buffer;
}

/**
 * A file of the built renderer. The decoded path is resolved inside `root` and refused if it
 * leaves it; an unknown path without an extension is the single-page app's index.html.
 */
export function staticFile(root: string, urlPath: string): StaticFile {
  const base = resolve(root);
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { status: 400, type: TYPES['.html']!, body: Buffer.from('bad path') };
  }
  if (decoded.includes('\0')) return { status: 400, type: TYPES['.html']!, body: Buffer.from('bad path') };
  const target = resolve(base, `.${normalize(`/${decoded}`)}`);
  if (target !== base && !target.startsWith(base + sep)) return { status: 403, type: TYPES['.html']!, body: Buffer.from('forbidden') };

  const index = join(base, 'index.html');
  if (existsSync(target) && statSync(target).isFile()) {
    return { status: 200, type: TYPES[extname(target)] ?? 'application/octet-stream', body: readFileSync(target) };
  }
  if (extname(target) === '' && existsSync(index)) return { status: 200, type: TYPES['.html']!, body: readFileSync(index) };
  if (!existsSync(index)) return { status: 200, type: TYPES['.html']!, body: Buffer.from(NOT_BUILT) };
  return { status: 404, type: TYPES['.html']!, body: Buffer.from('not found') };
}
