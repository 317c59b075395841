import { z } from 'zod';
import {
  type CertificateRule,
  type IdentityCode,
  type NationalFile,
  type PsnIdetType,
  type RegionalReport,
  type InsuranceParams,
  type PolicyFile,
  type SiteOverrideFile,
  versionParamsSchema,
} from './schema';

export interface PolicyVersion {
  region: string;
  regionName: string;
  /** Stored with every settlement: `<region>@<version id>`. */
  id: string;
  from: string;
  to: string | null;
  seeds: string[];
  note?: string;
  insurance: Record<string, InsuranceParams>;
}

export interface ResolvedRegion {
  region: string;
  name: string;
  admdvs?: string;
  identityCodes: IdentityCode[];
  psnIdetTypes: PsnIdetType[];
  /** The regional reports the region's offices ask for (declared by its policy file). */
  reports: RegionalReport[];
  /** Who needs the region's 就医证 on record (null: the region has none). */
  certificate: CertificateRule | null;
  versions: PolicyVersion[];
}

export class PolicyFileError extends Error {
  constructor(
    readonly file: string,
    readonly key: string,
    readonly problem: string,
  ) {
    super(`政策文件 ${file} 的 ${key || '(根)'}：${problem}`);
    this.name = 'PolicyFileError';
  }
}

export function zodIssuesToError(file: string, prefix: string, error: z.ZodError): PolicyFileError {
  const issue = error.issues[0]!;
  const key = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
  return new PolicyFileError(file, key, issue.message);
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

/** Assigns `value` at a dotted path (`insurance.resident.catastrophic.tilt`), creating nothing new at the root. */
function setPath(target: Record<string, unknown>, path: string, value: unknown, file: string, versionKey: string) {
  const keys = path.split('.');
  let node: Record<string, unknown> = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (next === null || typeof next !== 'object') {
      throw new PolicyFileError(file, `${versionKey}.set.${path}`, `路径 ${key} 不存在，无法覆盖`);
    }
    node = next as Record<string, unknown>;
  }
  const last = keys[keys.length - 1]!;
  if (!(last in node)) throw new PolicyFileError(file, `${versionKey}.set.${path}`, `参数 ${last} 不存在，无法覆盖`);
  node[last] = clone(value);
}

/**
 * Turns a validated policy file (plus any site overrides) into complete versions: an `extends`
 * version starts from a copy of its base and applies its `set` paths; site overrides apply to the
 * named version before later versions copy it, so a carried-forward version inherits them.
 */
export function resolvePolicyFile(
  file: PolicyFile,
  fileName: string,
  overrides: Array<{ file: string; data: SiteOverrideFile }> = [],
  national: NationalFile = { identityCodes: [], psnIdetTypes: [] },
): ResolvedRegion {
  const raw = new Map<string, Record<string, unknown>>();
  const versions: PolicyVersion[] = [];
  const sorted = [...file.versions].sort((a, b) => a.from.localeCompare(b.from));

  for (const [index, version] of sorted.entries()) {
    const key = `versions[${file.versions.indexOf(version)}]`;
    if (raw.has(version.id)) throw new PolicyFileError(fileName, `${key}.id`, `版本 ${version.id} 重复`);
    let params: Record<string, unknown>;
    if (version.extends) {
      const base = raw.get(version.extends);
      if (!base) throw new PolicyFileError(fileName, `${key}.extends`, `找不到被继承的版本 ${version.extends}`);
      params = clone(base);
      for (const [path, value] of Object.entries(version.set ?? {})) setPath(params, path, value, fileName, key);
    } else {
      params = clone(version.params) as Record<string, unknown>;
    }
    for (const override of overrides) {
      for (const entry of override.data.overrides) {
        if (entry.version !== version.id) continue;
        for (const [path, value] of Object.entries(entry.set)) setPath(params, path, value, override.file, `version ${entry.version}`);
      }
    }
    raw.set(version.id, params);

    const parsed = versionParamsSchema.safeParse(params);
    if (!parsed.success) throw zodIssuesToError(fileName, `${key}.params`, parsed.error);

    const previous = sorted[index - 1];
    if (previous && (previous.to === null || previous.to >= version.from)) {
      throw new PolicyFileError(fileName, `${key}.from`, `与版本 ${previous.id} 的有效期重叠`);
    }
    versions.push({
      region: file.region,
      regionName: file.name,
      id: `${file.region}@${version.id}`,
      from: version.from,
      to: version.to,
      seeds: version.seeds,
      note: version.note,
      insurance: parsed.data.insurance,
    });
  }
  for (const override of overrides) {
    for (const entry of override.data.overrides) {
      if (!raw.has(entry.version)) throw new PolicyFileError(override.file, 'overrides.version', `${file.region} 没有版本 ${entry.version}`);
    }
  }
  return {
    region: file.region,
    name: file.name,
    admdvs: file.admdvs,
    identityCodes: withAdditions(national.identityCodes, file.identityCodes),
    psnIdetTypes: withAdditions(national.psnIdetTypes, file.psnIdetTypes),
    reports: file.reports,
    certificate: file.certificate,
    versions,
  };
}

/** The national table with a region's additions; a region's entry replaces the national one with its code. */
function withAdditions<T extends { code: string }>(national: readonly T[], region: readonly T[]): T[] {
  const own = new Set(region.map((e) => e.code));
  return [...national.filter((e) => !own.has(e.code)), ...region];
}

export type VersionLookup = { ok: true; version: PolicyVersion } | { ok: false; reason: 'unknown-region' | 'no-version' };

/** All regions' resolved versions; pure data, so the engine and the bureau simulator can share it. */
export class PolicyLibrary {
  private readonly byRegion: Map<string, ResolvedRegion>;

  constructor(regions: ResolvedRegion[]) {
    this.byRegion = new Map(regions.map((r) => [r.region, r]));
  }

  regions(): ResolvedRegion[] {
    return [...this.byRegion.values()];
  }

  region(region: string): ResolvedRegion | undefined {
    return this.byRegion.get(region);
  }

  /** The version in force on `date` (YYYY-MM-DD; `from`/`to` inclusive). */
  versionOn(region: string, date: string): VersionLookup {
    const entry = this.byRegion.get(region);
    if (!entry) return { ok: false, reason: 'unknown-region' };
    const version = entry.versions.find((v) => v.from <= date && (v.to === null || date <= v.to));
    return version ? { ok: true, version } : { ok: false, reason: 'no-version' };
  }

  /** The regions that declare a report of `kind`, with its declaration. */
  reportsOf(kind: RegionalReport['kind']): Array<{ region: ResolvedRegion; report: RegionalReport }> {
    return this.regions().flatMap((region) => region.reports.filter((r) => r.kind === kind).map((report) => ({ region, report })));
  }

  identityCodes(region: string): IdentityCode[] {
    return this.byRegion.get(region)?.identityCodes ?? [];
  }

  /** Who needs the region's 就医证 on record before a treatment for them applies (null: none, or an unknown region). */
  certificateRule(region: string): CertificateRule | null {
    return this.byRegion.get(region)?.certificate ?? null;
  }

  /** The region's bureau psn_idet_type table (1101). */
  psnIdetTypes(region: string): PsnIdetType[] {
    return this.byRegion.get(region)?.psnIdetTypes ?? [];
  }
}
