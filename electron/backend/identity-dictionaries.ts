/**
 * 1901 for the psn_idet_type dictionary (national-platform.md §7): fetched on a supervisor's
 * request for the terminal's region, stored versioned in the ledger's audited settings (every
 * window of the hospital uses it), and laid over the policy table by eligibility.
 */
import { businessDate, ledgerStamp } from '../../shared/time';
import { dictionaryKey, KEPT_VERSIONS, type IdentityDictionary } from '../eligibility';
import { BackendError } from './errors';
import type { Runtime } from './runtime';

interface Stored {
  versions: IdentityDictionary[];
}

interface SettingsStore {
  get<T = unknown>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown, actor?: string): Promise<void>;
}

/** The version in force of every region's dictionary that has one. */
export async function loadIdentityDictionaries(store: SettingsStore, regions: readonly string[]): Promise<Map<string, IdentityDictionary>> {
  const found = new Map<string, IdentityDictionary>();
  for (const region of regions) {
    const stored = await store.get<Stored>(dictionaryKey(region));
    const latest = stored?.versions?.at(-1);
    if (latest) found.set(region, latest);
  }
  return found;
}

export function identityDictionaryView(runtime: Pick<Runtime, 'settings' | 'identityDictionaries'>) {
  const d = runtime.identityDictionaries.get(runtime.settings.region);
  return { region: runtime.settings.region, version: d?.version ?? null, fetchedAt: d?.fetchedAt ?? null, count: d?.entries.length ?? 0 };
}

export async function refreshIdentityDictionary(runtime: Runtime, actor: string) {
  const region = runtime.settings.region;
  const admdvs = runtime.library.region(region)?.admdvs;
  if (!admdvs) throw new BackendError('invalid-argument', `统筹区 ${region} 没有医保区划代码，请检查政策文件`);
  const answer = await runtime.bureau.client({ code: actor, name: actor }).dictionary('psn_idet_type', admdvs, businessDate(new Date()));
  if (!answer.ok) throw new BackendError(answer.error.code, `身份字典更新失败：${answer.error.message}`);
  const entries = answer.value.filter((r) => r.vali_flag !== '0').map((r) => ({ code: r.value, label: r.label.trim() }));
  if (entries.length === 0) throw new BackendError('bureau-invalid-response', '身份字典更新失败：医保中心返回的字典为空，已保留原字典');
  const stored = (await runtime.ledger.settings.get<Stored>(dictionaryKey(region))) ?? { versions: [] };
  const previous = stored.versions.at(-1);
  const next: IdentityDictionary = {
    region,
    admdvs,
    version: (previous?.version ?? 0) + 1,
    bureauVersion: answer.value.find((r) => r.version)?.version ?? null,
    fetchedAt: ledgerStamp(new Date()),
    entries,
  };
  await runtime.ledger.settings.set(dictionaryKey(region), { versions: [...stored.versions, next].slice(-(KEPT_VERSIONS + 1)) }, actor);
  runtime.identityDictionaries.set(region, next);
  const policyCodes = new Set(runtime.library.psnIdetTypes(region).map((p) => p.code));
  const known = new Set(previous?.entries.map((e) => e.code) ?? []);
  return {
    ...identityDictionaryView(runtime),
    added: entries.filter((e) => !known.has(e.code)).length,
    notInPolicy: entries.filter((e) => !policyCodes.has(e.code)).length,
  };
}
