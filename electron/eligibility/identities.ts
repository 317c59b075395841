/** Bureau identity rows → engine identities valid on the settlement date, through the region's table. */
import { CONDITIONS, type Condition, type Identity } from '../../shared/engine';
import { IDENTITY_LABELS } from '../../shared/labels';
import type { PersonInfo } from '../bureau';
import type { CertificateRule, IdentityCodeTable, IdentityDetail, RosterMatch } from './types';

/** begin ≤ date ≤ end on the date part; a missing end is open. */
export function validOn(date: string, begin: string | null | undefined, end: string | null | undefined): boolean {
  const b = begin ? begin.slice(0, 10) : null;
  const e = end ? end.slice(0, 10) : null;
  return (b === null || b <= date) && (e === null || date <= e);
}

export function bureauIdentities(rows: PersonInfo['idetinfo'], table: ReturnType<IdentityCodeTable>, date: string): IdentityDetail[] {
  const byCode = new Map(table.map((t) => [t.code, t]));
  return rows.map((row) => {
    const mapped = byCode.get(row.psn_idet_type);
    return {
      code: row.psn_idet_type,
      identity: mapped?.identity ?? null,
      label: mapped ? mapped.label : `未知身份 ${row.psn_idet_type}`,
      begin: row.begntime ?? null,
      end: row.endtime ?? null,
      validOnDate: validOn(date, row.begntime, row.endtime),
      source: 'bureau',
    };
  });
}

export function rosterIdentities(match: RosterMatch, date: string): IdentityDetail[] {
  return match.identities.map((row) => ({
    code: row.raw,
    identity: row.identity,
    label: IDENTITY_LABELS[row.identity],
    begin: row.beginDate,
    end: row.endDate,
    validOnDate: validOn(date, row.beginDate, row.endDate),
    source: 'roster',
  }));
}

/** The engine identities in force, each once, in the order found. */
export function identitiesInForce(details: IdentityDetail[]): Identity[] {
  return [...new Set(details.filter((d) => d.validOnDate && d.identity).map((d) => d.identity!))];
}

/**
 * A region's 就医证: the platform's 1101 has no field for it, so the bureau carries it in the memo
 * of the identity row (valid on the date) of an identity the region's rule names.
 */
export function bureauCertificate(rows: PersonInfo['idetinfo'], details: IdentityDetail[], rule: CertificateRule | null): string | undefined {
  const index = rule ? details.findIndex((d) => d.identity !== null && rule.identities.includes(d.identity) && d.validOnDate) : -1;
  const memo = index >= 0 ? rows[index]?.memo?.trim() : undefined;
  return memo ? memo : undefined;
}

/** Ours: 1101 baseinfo.exp_content.conditions lists engine condition ids; others are reported. */
export function bureauConditions(expContent: unknown): { conditions: Condition[]; unknown: string[] } {
  const raw = (expContent as { conditions?: unknown } | null | undefined)?.conditions;
  const list = Array.isArray(raw) ? raw.map(String) : [];
  const known = new Set<string>(CONDITIONS);
  return {
    conditions: list.filter((c): c is Condition => known.has(c)),
    unknown: list.filter((c) => !known.has(c)),
  };
}
