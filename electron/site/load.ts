import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, isAbsolute, resolve } from 'node:path';
import { parse } from 'yaml';
import { redactUrl } from '../ledger';
import { siteConfigSchema, type SiteConfig } from './schema';

/** A site configuration that cannot be used: the message names the file and every bad key. */
export class SiteConfigError extends Error {
  readonly code = 'site-config-invalid';
}

export interface LoadedSite {
  config: SiteConfig;
  /** The file it came from (shown in the settings screen). */
  source: string;
  terminalId: string;
}

/** "cashier-pc-03.hospital.local" → "CASHIERPC03": the host name's letters and digits, at most 12. */
export function terminalIdFromHost(host = hostname()): string {
  const id = host
    .split('.')[0]!
    .replace(/[^A-Za-z0-9]/g, '')
    .toUpperCase()
    .slice(-12);
  return id || 'T01';
}

/** Reads, parses and validates a site configuration file (YAML). */
export function loadSiteConfig(path: string): LoadedSite {
  const source = resolve(path);
  let text: string;
  try {
    text = readFileSync(source, 'utf8');
  } catch {
    throw new SiteConfigError(`找不到站点配置文件：${source}`);
  }
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    throw new SiteConfigError(`站点配置 ${basename(source)} 不是合法的 YAML：${(error as Error).message.split('\n')[0]}`);
  }
  const parsed = siteConfigSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.') || '（根）'}：${i.message}`);
    // A URL with a password must not reach the screen or a log, even when it is the bad value.
    throw new SiteConfigError(`站点配置 ${basename(source)} 有误：${lines.join('；').replace(/postgres(ql)?:\/\/\S+/g, (u) => redactUrl(u))}`);
  }
  const config = parsed.data;
  if (config.ledger && 'path' in config.ledger && !isAbsolute(config.ledger.path)) {
    config.ledger = { path: resolve(dirname(source), config.ledger.path) };
  }
  return { config, source, terminalId: config.terminalId ?? terminalIdFromHost() };
}

/** `--config <file>` on the command line, else ONEBILL_CONFIG, else none. */
export function siteConfigPath(argv: readonly string[] = process.argv, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const i = argv.indexOf('--config');
  if (i >= 0 && argv[i + 1]) return argv[i + 1];
  const inline = argv.find((a) => a.startsWith('--config='));
  if (inline) return inline.slice('--config='.length);
  return env.ONEBILL_CONFIG || undefined;
}
