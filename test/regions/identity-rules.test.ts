import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baseIdentity } from '../../shared/card/identity';
import { settle, type Identity } from '../../shared/engine';
import type { PolicyLibrary } from '../../shared/policy';
import { certificateRuleOf, EligibilityResolver, type BureauPort, type RosterMatch } from '../../electron/eligibility';
import { DEFAULT_POLICY_DIR, loadPolicyLibrary } from '../../electron/policy';

/**
 * Identity-bound rules are the policy's, not the code's: who a charity referral is for
 * (`flags.charityIdentities`) and who needs the 就医证 on record (`certificate.identities`), shown
 * on the fifth region's file (test/regions/fixtures/CN-XX-TEST.yaml) with its lists changed.
 */
const REGION = 'CN-XX-TEST';
const FIXTURE = readFileSync(join(import.meta.dirname, 'fixtures', `${REGION}.yaml`), 'utf8');
const DATE = '2024-06-01';

/** The shipped policies plus the fixture with `edits` (exact text replacements) applied. */
function libraryWith(edits: Array<[string, string]> = []): PolicyLibrary {
  let text = FIXTURE;
  for (const [from, to] of edits) {
    if (!text.includes(from)) throw new Error(`fixture has no ${from}`);
    text = text.replace(from, to);
  }
  const dir = mkdtempSync(join(tmpdir(), 'onebill-policies-'));
  try {
    cpSync(DEFAULT_POLICY_DIR, dir, { recursive: true });
    writeFileSync(join(dir, `${REGION}.yaml`), text);
    return loadPolicyLibrary({ dir });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('charity referral: the identities the policy names', () => {
  const THRESHOLD: [string, string] = ['charityThreshold: { value: null, ref: local-default }', 'charityThreshold: { value: 100, ref: local-default }'];
  // An outpatient bill of 1000 in scope: basic pays 50 %, no assistance or fund (no 就医证), the patient pays 500.
  const referral = (library: PolicyLibrary, identities: Identity[]) => {
    const outcome = settle(
      {
        policy: REGION,
        date: DATE,
        visit: 'outpatient',
        hospital: { level: 2, referral: 'local' },
        person: { insurance: 'resident', identities, conditions: [] },
        lines: [{ code: 'I001', class: 'A', price: '1000', qty: '1' }],
      },
      library,
    );
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(outcome.value.amounts.patientCash).toBe('500.00');
    return outcome.value.flags.charityReferral;
  };

  it('refers the identities listed and no others, whichever they are', () => {
    const listed = libraryWith([
      THRESHOLD,
      ['charityIdentities: { value: [], ref: local-default }', 'charityIdentities: { value: [precision-target], ref: local-default }'],
    ]);
    expect(referral(listed, ['precision-target'])).toBe(true);
    expect(referral(listed, ['registered-poor'])).toBe(false);
    const none = libraryWith([THRESHOLD]);
    expect(referral(none, ['precision-target'])).toBe(false);
    expect(referral(none, ['registered-poor'])).toBe(false);
  });
});

describe('就医证: the identities the policy names need it on record', () => {
  const person = (certno: string, identity: Identity): RosterMatch => ({
    certno,
    name: '样例人',
    regionCode: '990102',
    certificate: 'YL2024000001',
    identities: [{ identity, raw: identity, beginDate: '2024-01-01', endDate: null }],
    version: { rosterDate: '2024-01-01' },
  });
  const TARGET = person('99010219600101002X', 'precision-target');
  const LOW_INCOME = person('990102196001010011', 'subsistence');
  const noBureau = new Proxy({} as BureauPort, {
    get: () => () => {
      throw new Error('the bureau is not asked offline');
    },
  });
  const offlineCertificate = async (library: PolicyLibrary, who: RosterMatch) => {
    const resolver = new EligibilityResolver({
      bureau: noBureau,
      roster: {
        findByCertno: (certno) => [TARGET, LOW_INCOME].find((p) => p.certno === certno) ?? null,
        latestRosterDate: () => '2024-01-01',
        rosterDateOn: () => '2024-01-01',
      },
      ledger: { ytd: () => ({}) as never },
      psnIdetTypes: (region) => library.psnIdetTypes(region),
      certificateRules: (region) => certificateRuleOf(library, region),
      cumSpelling: () => {
        throw new Error('no 5206 offline');
      },
    });
    const card = { ...baseIdentity('id-card', '02', who.certno), certno: who.certno, name: who.name };
    const answer = await resolver.resolve({ visitId: who.certno, card, settlementDate: DATE, region: REGION, offline: true });
    if (!answer.ok) throw new Error(answer.error.message);
    expect(answer.value.person.identities).toEqual(who.identities.map((i) => i.identity));
    return answer.value.person.certificate;
  };

  it('keeps the roster’s 就医证 number only for the identities the region’s file lists', async () => {
    const asShipped = libraryWith();
    expect(await offlineCertificate(asShipped, TARGET)).toBe('YL2024000001');
    expect(await offlineCertificate(asShipped, LOW_INCOME)).toBeUndefined();
    const changed = libraryWith([
      ['identities: { value: [precision-target], ref: local-default }\n  treatment', 'identities: { value: [subsistence], ref: local-default }\n  treatment'],
    ]);
    expect(await offlineCertificate(changed, TARGET)).toBeUndefined();
    expect(await offlineCertificate(changed, LOW_INCOME)).toBe('YL2024000001');
  });
});
