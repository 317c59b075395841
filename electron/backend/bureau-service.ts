import { ledgerStamp } from '../../shared/time';
import { join } from 'node:path';
import {
  BureauClient,
  bureauSiteConfigSchema,
  DEMO_NIGHTLY_OPERATOR,
  type BureauSiteConfig,
  type BureauSiteConfigInput,
  type Operator as BureauOperator,
  type Result,
  type UploadReport,
} from '../bureau';
import type { PolicyLibrary } from '../../shared/policy';
import { startDemoBureau, type DemoBureau } from './demo-bureau';
import { BackendError } from './errors';
import { privateFiles, sqliteFiles } from './private-files';
import type { TerminalSettings } from './terminal-settings';
import type { BureauView } from '../../shared/contract';

/** Whether the bureau answered the last call that reached a verdict, when, and why not. */
export interface BureauReachability {
  online: boolean;
  at: string;
  /** Chinese: the network-level failure that made it offline; null online. */
  reason: string | null;
}

export interface BureauService {
  /** demo: the built-in simulator (labelled 演示 on the status bar and every receipt); live: the site's bureau. */
  mode: 'demo' | 'live';
  /** realtime: the centre settles at F4/F9 (electron/realtime); nightly: OneBill settles, 4101 at night. */
  settlement: 'realtime' | 'nightly';
  /** The terminal's data folder (the real-time attempt store lives beside the bureau state). */
  dataDir: string;
  url: string;
  /** The client acting for the operator at the till (or the nightly operator); every call it makes updates `lastCheck`. */
  client(operator?: BureauOperator): BureauClient;
  /** 9001 for the operator who just logged in (the login handler calls it; a failure never blocks the login). */
  signInOperator(operator: BureauOperator): Promise<Result<unknown>>;
  /** 9002 at log-out, with the sign_no kept for the operator. */
  signOutOperator(operator: BureauOperator): Promise<Result<unknown>>;
  /** The operator the nightly job signs in as (the site file's nightlyOperator). */
  nightlyOperator: BureauOperator;
  /** mdtrtarea_admvs of every envelope. */
  areaCode: string;
  /** The section in force (holds secrets: show it only through bureauView). */
  config: BureauSiteConfig;
  /** Signs in afresh: the cheapest call that proves the bureau answers. */
  check(): Promise<{ ok: boolean; detail: string }>;
  /** The outcome of the latest bureau call (an explicit check or any real transaction); null before the first. */
  lastCheck(): BureauReachability | null;
  close(): Promise<void>;
}

/** Failures that say nothing reached the bureau (or it is down): the terminal is offline. */
const NETWORK_FAULTS: ReadonlySet<string> = new Set(['bureau-timeout', 'bureau-unreachable', 'bureau-connection-dropped', 'bureau-http-error']);

type CallOutcome = Result<unknown> | UploadReport;

/**
 * What a bureau call's outcome says about the connection: an answer (even a refusal) → online;
 * a network-level failure → offline with its message; anything else (a malformed answer) → no verdict.
 */
export function reachabilityOf(outcome: CallOutcome): { online: boolean; reason: string | null } | null {
  if ('outcomes' in outcome) {
    if (outcome.outcomes.some((o) => o.status !== 'pending')) return { online: true, reason: null };
    const fault = outcome.errors.find((e) => NETWORK_FAULTS.has(e.code));
    return fault ? { online: false, reason: fault.message } : null;
  }
  if (outcome.ok || outcome.error.code === 'bureau-rejected') return { online: true, reason: null };
  return NETWORK_FAULTS.has(outcome.error.code) ? { online: false, reason: outcome.error.message } : null;
}

/** The client with every asynchronous call's outcome reported to `note` (also for its `asOperator` copies). */
function observed(client: BureauClient, note: (outcome: CallOutcome) => void): BureauClient {
  return new Proxy(client, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      if (prop === 'asOperator') return (operator: BureauOperator) => observed(target.asOperator(operator), note);
      return (...args: unknown[]) => {
        const returned: unknown = (value as (...a: unknown[]) => unknown).apply(target, args);
        if (returned instanceof Promise) returned.then(note as (v: unknown) => void, () => undefined);
        return returned;
      };
    },
  });
}

/**
 * The bureau section in force: the site file's; without one (a fresh install) `mode: demo`, the
 * built-in simulator. Never derived from anything the terminal stores.
 */
export function bureauSiteConfig(site?: BureauSiteConfigInput): BureauSiteConfig {
  const parsed = bureauSiteConfigSchema.safeParse(site ?? { mode: 'demo' });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BackendError('invalid-argument', `医保接口配置无效：bureau.${issue.path.join('.')} ${issue.message}`);
  }
  return parsed.data;
}

/** What the settings screen shows of the bureau section: the shape, never a secret. */
export function bureauView(config: BureauSiteConfig, service: Pick<BureauService, 'nightlyOperator' | 'areaCode'>, source: string | null): BureauView {
  const access = config.oauth2 ? (config.oauth2.sm4 ? 'oauth2-sm4' : 'oauth2') : config.gateway ? 'gateway' : 'open';
  return {
    mode: config.mode,
    url: config.mode === 'demo' ? '' : (config.url ?? ''),
    paths: config.paths,
    access: config.mode === 'demo' ? 'open' : access,
    mdtrtareaAdmvs: service.areaCode,
    nightlyOperator: { ...service.nightlyOperator },
    source,
  };
}

/**
 * The bureau for this terminal: the site's (live), or in demo mode the bureau simulator started
 * in-process on an ephemeral loopback port with its database in the data folder. `timeoutMs` is
 * the tests' override; otherwise the section's own.
 */
export async function startBureauService(
  settings: TerminalSettings,
  library: PolicyLibrary,
  dataDir: string,
  site?: BureauSiteConfigInput,
  timeoutMs?: number,
): Promise<BureauService> {
  const config = bureauSiteConfig(site);
  // mdtrtarea_admvs is the hospital's (the site file's, required live); the demo hospital's is its region's.
  const areaCode = config.envelope.mdtrtarea_admvs ?? library.regions().find((r) => r.region === settings.region)?.admdvs;
  if (!areaCode) throw new BackendError('invalid-argument', `统筹区 ${settings.region} 没有医保区划代码，请检查政策文件`);
  let simulator: DemoBureau | null = null;
  if (config.mode === 'demo') {
    simulator = await startDemoBureau({ port: 0, dbPath: join(dataDir, 'bureau-sim.db'), library, areaCode });
    privateFiles(...sqliteFiles(join(dataDir, 'bureau-sim.db')));
  }
  const url = simulator ? simulator.url : config.url!;
  const nightlyOperator = config.nightlyOperator ?? DEMO_NIGHTLY_OPERATOR;

  let base: BureauClient;
  try {
    base = BureauClient.open(
      {
        url,
        hospitalCode: settings.hospital.code,
        hospitalName: settings.hospital.name,
        areaCode,
        operator: nightlyOperator,
        timeoutMs: timeoutMs ?? config.timeoutMs,
        paths: simulator ? 'dispatcher' : config.paths,
        ...(simulator ? {} : { gateway: config.gateway, oauth2: config.oauth2, ecUrl: config.ecUrl }),
        envelope: config.envelope,
      },
      join(dataDir, 'bureau-state.db'),
    );
    privateFiles(...sqliteFiles(join(dataDir, 'bureau-state.db')));
  } catch (error) {
    await simulator?.stop();
    throw new BackendError('invalid-argument', `医保接口配置无效：${(error as Error).message}`);
  }
  let last: BureauReachability | null = null;
  const note = (outcome: CallOutcome) => {
    const verdict = reachabilityOf(outcome);
    if (verdict) last = { ...verdict, at: ledgerStamp(new Date()) };
  };
  const client = observed(base, note);

  return {
    mode: config.mode,
    settlement: config.settlement,
    dataDir,
    url,
    areaCode,
    config,
    nightlyOperator,
    client: (operator) => (operator ? client.asOperator(operator) : client),
    signInOperator: (operator) => client.asOperator(operator).signIn(),
    signOutOperator: (operator) => client.asOperator(operator).signOut(),
    async check() {
      const signed = await base.signIn({ force: true });
      last = { online: signed.ok, at: ledgerStamp(new Date()), reason: signed.ok ? null : signed.error.message };
      return signed.ok ? { ok: true, detail: `医保中心连接正常（${simulator ? '内置模拟器，演示' : url}）` } : { ok: false, detail: signed.error.message };
    },
    lastCheck: () => last,
    async close() {
      base.close();
      await simulator?.stop();
    },
  };
}
