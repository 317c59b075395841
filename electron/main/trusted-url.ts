/** The only origin our window loads: the renderer served over the app:// protocol. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'onebill';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

/**
 * True only for a URL of our own renderer. Parsed, never prefix-matched
 * (`app://onebill.evil/` and `app://onebill@evil/` must not pass).
 */
export function isTrustedAppUrl(raw: string | undefined | null): boolean {
  if (!raw) return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.password === '';
}
