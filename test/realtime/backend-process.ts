/**
 * The whole backend as a terminal runs it in browser mode — `tsx electron/web/cli.ts` in its own
 * process, over its own data folder, with a site file — driven over its HTTP API with the token it
 * prints, as the window drives it. The kill tests SIGKILL it and start it again on the same folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TOKEN_HEADER } from '../../shared/contract';

export interface BackendProcess {
  /** Calls an op: the contract's `{ ok, value } | { ok: false, error }`. */
  handle(op: string, input?: unknown): Promise<{ ok: true; value: any } | { ok: false; error: { code: string; message: string } }>;
  /** Calls an op and answers its value, throwing its error. */
  call<T = any>(op: string, input?: unknown): Promise<T>;
  /** SIGKILL: no shutdown, no flush — what a power cut or a crash does. */
  kill(): Promise<void>;
  /** SIGTERM: the CLI's own orderly shutdown. */
  stop(): Promise<void>;
}

/** Every backend process started and not yet ended: the suite's afterEach ends them, also on failure. */
const running = new Set<ChildProcess>();

export async function endAllBackends(): Promise<void> {
  await Promise.all([...running].map((child) => ended(child, 'SIGKILL')));
}

function ended(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

/** A site file for the Guiyang demo hospital at a live, real-time bureau (the simulator at `url`). */
export function writeRealtimeSite(dir: string, url: string): string {
  const path = join(dir, 'site.yaml');
  writeFileSync(
    path,
    [
      'hospital: { code: H52010200001, name: 贵阳市南明区人民医院, level: 3 }',
      'region: CN-GZ',
      'terminalId: RTKILL',
      'bureau:',
      '  mode: live',
      '  settlement: realtime',
      `  url: ${url}`,
      "  envelope: { mdtrtarea_admvs: '520102' }",
      '  nightlyOperator: { code: N0001, name: 夜间上传 }',
      // Far above any answer the tests wait for: the kill, not the client's timeout, ends a held request.
      '  timeoutMs: 60000',
      '',
    ].join('\n'),
  );
  return path;
}

/** Starts the backend (site file optional: none is demo mode) and waits for the URL it prints. */
export async function startBackendProcess(dataDir: string, sitePath?: string): Promise<BackendProcess> {
  const env = { ...process.env };
  delete env.ONEBILL_CONFIG;
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/web/cli.ts', '--data-dir', dataDir, ...(sitePath ? ['--config', sitePath] : [])], {
    cwd: process.cwd(),
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  const url = await new Promise<URL>((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d.toString();
      const printed = /http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+/.exec(output)?.[0];
      if (printed) resolve(new URL(printed));
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code, signal) => reject(new Error(`backend exited (${code ?? signal}) before it printed its URL:\n${output}`)));
  });
  const token = url.hash.replace(/^#token=/, '');

  const handle: BackendProcess['handle'] = async (op, input = {}) => {
    const res = await fetch(`${url.origin}/api/${op}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
      body: JSON.stringify(input),
    });
    return (await res.json()) as Awaited<ReturnType<BackendProcess['handle']>>;
  };
  // The server answers while the ledger opens and verifies (startup.status); the window waits for ready.
  for (let phase = ''; phase !== 'ready'; await new Promise((r) => setTimeout(r, 50))) {
    const status = await handle('startup.status');
    phase = status.ok ? (status.value as { phase: string }).phase : status.error.code;
    if (phase === 'failed') throw new Error(`backend start-up failed: ${JSON.stringify(status)}`);
  }
  return {
    handle,
    async call(op, input) {
      const answer = await handle(op, input);
      if (!answer.ok) throw new Error(`${op} failed: ${answer.error.code} ${answer.error.message}`);
      return answer.value;
    },
    kill: () => ended(child, 'SIGKILL'),
    stop: () => ended(child, 'SIGTERM'),
  };
}
