/**
 * The region's psn_idet_type dictionary as the bureau last gave it (1901, national-platform.md §7),
 * laid over the policy file's table: the policy maps codes to engine identities (with its refs);
 * the dictionary adds the bureau's own labels and the codes the policy does not list, which take
 * the identity of the policy code with the same label (the region renumbered or extended it), or
 * none — then they are shown by their bureau label, never dropped.
 */
import type { Identity } from '../../shared/engine';

export interface IdentityDictionary {
  region: string;
  admdvs: string;
  /** Ours: counts the refreshes of this region, 1 for the first. */
  version: number;
  /** The bureau's own version of the list, when it gives one. */
  bureauVersion: string | null;
  fetchedAt: string;
  entries: Array<{ code: string; label: string }>;
}

export interface IdentityTableRow {
  code: string;
  identity: Identity | null;
  label: string;
}

export function mergeIdentityTable(policy: ReadonlyArray<{ code: string; identity: Identity; label: string }>, dictionary?: IdentityDictionary): IdentityTableRow[] {
  if (!dictionary) return [...policy];
  const byCode = new Map(policy.map((p) => [p.code, p]));
  const byLabel = new Map(policy.map((p) => [p.label, p.identity]));
  const rows: IdentityTableRow[] = policy.map((p) => ({ ...p }));
  for (const e of dictionary.entries) {
    const own = byCode.get(e.code);
    if (own) {
      rows[rows.findIndex((r) => r.code === e.code)] = { code: e.code, identity: own.identity, label: e.label };
      continue;
    }
    const identity = byLabel.get(e.label) ?? null;
    rows.push({ code: e.code, identity, label: identity ? e.label : `无对应待遇的身份 ${e.code} ${e.label}` });
  }
  return rows;
}

/** The ledger settings key a region's dictionary versions are kept under (audited like every setting). */
export const dictionaryKey = (region: string) => `bureauDictionary.psn_idet_type.${region}`;

/** How many earlier versions are kept beside the one in force. */
export const KEPT_VERSIONS = 5;
