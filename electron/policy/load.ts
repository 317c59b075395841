import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import {
  PolicyFileError,
  PolicyLibrary,
  type NationalFile,
  type SiteOverrideFile,
  nationalFileSchema,
  policyFileSchema,
  resolvePolicyFile,
  siteOverrideFileSchema,
  zodIssuesToError,
} from '../../shared/policy';

export const DEFAULT_POLICY_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../resources/policies');

export interface LoadPolicyOptions {
  /** Our shipped policy files. */
  dir?: string;
  /** A site's own override files (`*.yaml`, each `{ region, overrides: [{ version, set }] }`). */
  overridesDir?: string;
}

function readYaml(path: string): unknown {
  try {
    return parse(readFileSync(path, 'utf8'), { uniqueKeys: true });
  } catch (error) {
    throw new PolicyFileError(path, '', `YAML 解析失败：${(error as Error).message}`);
  }
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => join(dir, name));
}

/** Site overrides mark every parameter they set as `site: <file>` unless they name a seed themselves. */
function markSiteRefs(value: unknown, file: string): unknown {
  if (Array.isArray(value)) return value.map((v) => markSiteRefs(v, file));
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, markSiteRefs(v, file)]);
    const out = Object.fromEntries(entries) as Record<string, unknown>;
    if ('value' in out && !('ref' in out)) out.ref = `site: ${basename(file)}`;
    return out;
  }
  return value;
}

function loadOverrides(dir: string | undefined): Map<string, Array<{ file: string; data: SiteOverrideFile }>> {
  const byRegion = new Map<string, Array<{ file: string; data: SiteOverrideFile }>>();
  if (!dir || !existsSync(dir)) return byRegion;
  for (const path of yamlFiles(dir)) {
    const parsed = siteOverrideFileSchema.safeParse(markSiteRefs(readYaml(path), path));
    if (!parsed.success) throw zodIssuesToError(path, '', parsed.error);
    const list = byRegion.get(parsed.data.region) ?? [];
    list.push({ file: path, data: parsed.data });
    byRegion.set(parsed.data.region, list);
  }
  return byRegion;
}

/** The identity-code tables every region shares; each region's file adds its own. */
export const NATIONAL_FILE = 'national.yaml';

function loadNational(path: string): NationalFile {
  if (!existsSync(path)) return { identityCodes: [], psnIdetTypes: [] };
  const parsed = nationalFileSchema.safeParse(readYaml(path));
  if (!parsed.success) throw zodIssuesToError(path, '', parsed.error);
  return parsed.data;
}

/**
 * Reads, validates and resolves every region's policy file (and the site's overrides).
 * Throws `PolicyFileError` naming the file, the key and the problem.
 */
export function loadPolicyLibrary(options: LoadPolicyOptions = {}): PolicyLibrary {
  const dir = options.dir ?? DEFAULT_POLICY_DIR;
  const overrides = loadOverrides(options.overridesDir);
  const national = loadNational(join(dir, NATIONAL_FILE));
  const regions = yamlFiles(dir)
    .filter((path) => basename(path) !== NATIONAL_FILE)
    .map((path) => {
      const parsed = policyFileSchema.safeParse(readYaml(path));
      if (!parsed.success) throw zodIssuesToError(path, '', parsed.error);
      return resolvePolicyFile(parsed.data, path, overrides.get(parsed.data.region), national);
    });
  for (const region of overrides.keys()) {
    if (!regions.some((r) => r.region === region)) {
      throw new PolicyFileError(overrides.get(region)![0]!.file, 'region', `没有统筹区 ${region} 的政策文件`);
    }
  }
  return new PolicyLibrary(regions);
}
