import { protocol } from 'electron';
import { staticFile, SECURITY_HEADERS } from '../web';
import { APP_HOST, APP_SCHEME } from './trusted-url';

/** Must run before `app` is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** app://onebill/<path> → dist/renderer/<path>, path traversal refused, CSP on every answer. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('not found', { status: 404 });
    const file = staticFile(rendererDir, url.pathname);
    return new Response(new Uint8Array(file.body), { status: file.status, headers: { ...SECURITY_HEADERS, 'Content-Type': file.type } });
  });
}
