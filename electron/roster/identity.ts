import { IDENTITIES, type Identity } from '../../shared/engine';
import { IDENTITY_LABELS } from '../../shared/labels';

/**
 * Maps a regional 身份类别 code to an engine identity with the table of `region` (the policy library
 * provides it); `fallbackRegion`'s table when no policy file covers `region`.
 */
export type IdentityCodeMapper = (region: string, code: string, fallbackRegion?: string) => Identity | undefined;

const BY_LABEL = new Map<string, Identity>([
  ...IDENTITIES.map((id) => [id, id] as const),
  ...(Object.entries(IDENTITY_LABELS) as Array<[Identity, string]>).map(([id, label]) => [label, id] as const),
  // Short forms common in civil-affairs and poverty-office exports.
  ['特困供养人员', 'extreme-poverty'],
  ['特困供养', 'extreme-poverty'],
  ['低保', 'subsistence'],
  ['低保户', 'subsistence'],
  ['建档立卡', 'registered-poor'],
  ['建档立卡贫困户', 'registered-poor'],
  ['脱贫不稳定户', 'relapse-risk'],
  ['边缘易致贫户', 'relapse-risk'],
]);

/** An engine identity, its Chinese label, or a code of `region`'s table (`fallbackRegion`'s where no policy covers it). */
export function resolveIdentity(raw: string, region: string, mapCode?: IdentityCodeMapper, fallbackRegion?: string): Identity | undefined {
  const text = raw.trim();
  return BY_LABEL.get(text) ?? (text && region ? mapCode?.(region, text, fallbackRegion) : undefined);
}

/**
 * A mapper over the policy library's identity-code tables. The region may be given as the
 * library's id (a policy file's `region`) or as a 统筹区划 code: the region's own admdvs (440700) or one inside
 * it (440703 lies in 4407xx). A region no policy file covers reads with `fallbackRegion`'s table.
 */
export function identityMapperFromLibrary(library: { regions(): ReadonlyArray<RegionCodes> }): IdentityCodeMapper {
  const find = (region: string) => library.regions().find((r) => r.region === region || (r.admdvs !== undefined && region.startsWith(r.admdvs.replace(/0+$/, ''))));
  return (region, code, fallbackRegion) => {
    const entry = find(region) ?? (fallbackRegion ? find(fallbackRegion) : undefined);
    return entry?.identityCodes.find((c) => c.code === code)?.identity;
  };
}

/** The library's identity-code tables as plain data (they cross to the import's worker thread). */
export function identityCodeTable(library: { regions(): ReadonlyArray<RegionCodes> }): RegionCodes[] {
  return library.regions().map((r) => ({ region: r.region, admdvs: r.admdvs, identityCodes: r.identityCodes.map((c) => ({ code: c.code, identity: c.identity })) }));
}

export interface RegionCodes {
  region: string;
  admdvs?: string;
  identityCodes: ReadonlyArray<{ code: string; identity: Identity }>;
}
