import { TOKEN_HEADER, type ApiError, type CallFn, type OpInput, type OpName, type OpOutput, type Result } from '../shared/contract';
import { fail } from '../shared/result';

/** The Electron shell's own operations for the IT staff (absent in browser mode). */
export type ShellDiagnostics = {
  paths(): Promise<Result<{ logsDir: string; crashDumpsDir: string }>>;
  openLogs(): Promise<Result<null>>;
  openCrashReports(): Promise<Result<null>>;
};

declare global {
  interface Window {
    /** Set by the Electron preload. */
    onebill?: { call: CallFn; diagnostics?: ShellDiagnostics };
  }
}

const TOKEN_KEY = 'onebill-token';

/**
 * Browser mode: the loopback server hands the per-launch token in the URL fragment
 * (`#token=…`, never sent over the wire again) or in a `<meta name="onebill-token">` it injects.
 * The fragment is removed from the address bar at once; the token is kept for this tab only.
 */
function browserToken(): string {
  const fromHash = new URLSearchParams(window.location.hash.replace(/^#/, '')).get('token');
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return fromHash;
  }
  const fromMeta = document.querySelector<HTMLMetaElement>('meta[name="onebill-token"]')?.content;
  if (fromMeta) return fromMeta;
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

let token: string | null = null;

async function httpCall(op: OpName, input: unknown): Promise<Result<unknown>> {
  token ??= browserToken();
  let response: Response;
  try {
    response = await fetch(`/api/${op}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
      body: JSON.stringify(input ?? {}),
    });
  } catch {
    return fail('network', '无法连接一单通后台服务，请确认程序仍在运行');
  }
  try {
    const body = (await response.json()) as Result<unknown>;
    if (body && typeof body === 'object' && 'ok' in body) return body;
  } catch {
    // fall through to the status-based message
  }
  if (response.status === 401 || response.status === 403) return fail('forbidden', '页面凭据已失效，请从一单通程序重新打开此页面');
  return fail('internal', `后台服务返回异常（HTTP ${response.status}），请重试`);
}

/** The only way the screens reach the backend: one contract operation, typed end to end. */
export function call<K extends OpName>(op: K, input: OpInput<K>): Promise<Result<OpOutput<K>>> {
  if (window.onebill) return window.onebill.call(op, input);
  return httpCall(op, input) as Promise<Result<OpOutput<K>>>;
}

/** For field-level errors: the message for one input path (e.g. "newPassword"), if any. */
export function fieldError(error: ApiError | null | undefined, path: string): string | undefined {
  return error?.details?.find((d) => d.path === path || d.path.startsWith(`${path}.`))?.message;
}
