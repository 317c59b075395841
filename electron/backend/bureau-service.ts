import { join } from 'node:path';
import { BureauClient, type Operator as BureauOperator } from '../bureau/client';
import type { PolicyLibrary } from '../../shared/policy';
import { startBureauSimulator, type BureauSimulator } from '../../tools/bureau-sim/server';
import { BackendError } from './errors';
import type { TerminalSettings } from './terminal-settings';

const SYSTEM_OPERATOR: BureauOperator = { code: 'system', name: '系统' };

export interface BureauService {
  mode: 'simulator' | 'remote';
  url: string;
  /** The client acting for the operator at the till. */
  client(operator?: BureauOperator): BureauClient;
  /** Signs in afresh: the cheapest call that proves the bureau answers. */
  check(): Promise<{ ok: boolean; detail: string }>;
  lastCheck(): { online: boolean; at: string } | null;
  close(): Promise<void>;
}

/**
 * The bureau for this terminal: the configured URL, or (empty URL, the fresh-machine default) the
 * bureau simulator started in-process on an ephemeral loopback port with its database in userDataDir.
 */
export async function startBureauService(settings: TerminalSettings, library: PolicyLibrary, dataDir: string, timeoutMs = 10_000): Promise<BureauService> {
  let simulator: BureauSimulator | null = null;
  const areaCode = library.regions().find((r) => r.region === settings.region)?.admdvs;
  if (!areaCode) throw new BackendError('invalid-argument', `统筹区 ${settings.region} 没有医保区划代码，请检查政策文件`);
  if (!settings.bureau.url) simulator = await startBureauSimulator({ port: 0, dbPath: join(dataDir, 'bureau-sim.db'), library, areaCode });
  const url = simulator ? simulator.url : settings.bureau.url;

  let base: BureauClient;
  try {
    base = BureauClient.open(
      { url, hospitalCode: settings.hospital.code, hospitalName: settings.hospital.name, areaCode, operator: SYSTEM_OPERATOR, timeoutMs },
      join(dataDir, 'bureau-state.db'),
    );
  } catch (error) {
    await simulator?.stop();
    throw new BackendError('invalid-argument', `医保接口配置无效：${(error as Error).message}`);
  }
  let last: { online: boolean; at: string } | null = null;

  return {
    mode: simulator ? 'simulator' : 'remote',
    url,
    client: (operator) => (operator ? base.asOperator(operator) : base),
    async check() {
      const signed = await base.signIn({ force: true });
      last = { online: signed.ok, at: new Date().toISOString() };
      return signed.ok ? { ok: true, detail: `医保中心连接正常（${simulator ? '内置模拟器' : url}）` } : { ok: false, detail: signed.error.message };
    },
    lastCheck: () => last,
    async close() {
      base.close();
      await simulator?.stop();
    },
  };
}
