import { app, session, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../web';
import { isTrustedAppUrl } from './trusted-url';

/**
 * The checklist items that apply to every web contents (electron security.md 5, 7, 11–15):
 * no permissions, CSP on every response, no navigation away, no new windows, no webviews.
 */
export function lockDownSessions(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  // No remote content at all: only our app:// pages and the receipt print job's data: page.
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isTrustedAppUrl(details.url) || details.url.startsWith('data:') || details.url.startsWith('devtools:');
    callback({ cancel: !allowed });
  });

  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}
