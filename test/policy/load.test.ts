import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY_DIR, loadPolicyLibrary } from '../../electron/policy';
import { settle } from '../../shared/engine';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'onebill-policy-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function copyWith(file: string, edit: (text: string) => string) {
  const policies = join(dir, 'policies');
  mkdirSync(policies, { recursive: true });
  writeFileSync(join(policies, file), edit(readFileSync(join(DEFAULT_POLICY_DIR, file), 'utf8')));
  return policies;
}

describe('policy files', () => {
  it('loads the four seed regions with their dated versions', () => {
    const library = loadPolicyLibrary();
    expect(library.regions().map((r) => [r.region, r.versions.map((v) => `${v.from}…${v.to ?? ''}`)])).toEqual([
      ['CN-GD-JM', ['2019-01-01…2019-12-31', '2020-01-01…2020-12-31', '2021-01-01…']],
      ['CN-GZ', ['2021-01-01…2025-12-31']],
      ['CN-JL', ['2019-01-01…2020-12-31', '2021-01-01…']],
      ['CN-LN', ['2018-09-20…2019-12-31', '2020-01-01…2020-12-31', '2021-01-01…']],
    ]);
  });

  it('carries every 2020 parameter forward into 2021 except the ended local measures', () => {
    const library = loadPolicyLibrary();
    const v2020 = library.versionOn('CN-LN', '2020-12-31');
    const v2021 = library.versionOn('CN-LN', '2030-01-01');
    if (!v2020.ok || !v2021.ok) throw new Error('missing version');
    expect(v2021.version.insurance.resident!.basic).toEqual(v2020.version.insurance.resident!.basic);
    expect(v2020.version.insurance.resident!.fourthLayer?.supplementaryInsurance?.ratio.value).toBe('0.8');
    expect(v2021.version.insurance.resident!.fourthLayer).toBeNull();
  });

  it.each([
    ['a misspelt key', (t: string) => t.replace('annualCap: { value: 250000', 'annualCapp: { value: 250000'), 'insurance.resident.basic'],
    [
      'a ratio above one',
      (t: string) => t.replace("2: { value: 0.70, ref: 'local-default (seed", "2: { value: 1.70, ref: 'local-default (seed"),
      '比例必须在 0 到 1 之间',
    ],
    ['a parameter without provenance', (t: string) => t.replace('1: { value: 100, ref: local-default }', '1: { value: 100, ref: somewhere }'), 'ref 必须是'],
  ])('names the file, the key and the problem for %s', (_label, edit, fragment) => {
    const policies = copyWith('CN-GZ.yaml', edit);
    expect(() => loadPolicyLibrary({ dir: policies })).toThrow(/政策文件 .*CN-GZ\.yaml 的 versions\[0\]\.params\.insurance\.resident/);
    expect(() => loadPolicyLibrary({ dir: policies })).toThrow(fragment);
  });

  it('lets a site override a parameter in its own file, inherited by the carried-forward version', () => {
    const overrides = join(dir, 'site');
    mkdirSync(overrides);
    writeFileSync(
      join(overrides, 'jilin-site.yaml'),
      "region: CN-JL\noverrides:\n  - version: '2019-01-01'\n    set:\n      insurance.resident.basic.inpatient.deductible.2: { value: 300 }\n",
    );
    const library = loadPolicyLibrary({ overridesDir: overrides });
    for (const date of ['2019-06-01', '2022-06-01']) {
      const lookup = library.versionOn('CN-JL', date);
      if (!lookup.ok) throw new Error('missing');
      expect(lookup.version.insurance.resident!.basic.inpatient.deductible[2]).toEqual({ value: '300', ref: 'site: jilin-site.yaml' });
    }
    const outcome = settle(
      {
        policy: 'CN-JL',
        date: '2019-06-01',
        visit: 'inpatient',
        hospital: { level: 2, referral: 'local' },
        person: { insurance: 'resident' },
        lines: [{ code: 'A', class: 'A', price: '1000', qty: '1' }],
      },
      library,
    );
    expect(outcome.ok && outcome.value.amounts.basic).toBe('560.00');
  });

  it('refuses an override of a parameter that does not exist', () => {
    const overrides = join(dir, 'site');
    mkdirSync(overrides);
    writeFileSync(join(overrides, 'bad.yaml'), "region: CN-GZ\noverrides:\n  - version: '2021-01-01'\n    set:\n      insurance.resident.basic.nope: { value: 1 }\n");
    expect(() => loadPolicyLibrary({ overridesDir: overrides })).toThrow('参数 nope 不存在，无法覆盖');
  });

  it('refuses overlapping versions', () => {
    const policies = copyWith('CN-JL.yaml', (t) => t.replace("  - id: '2021-01-01'\n    from: '2021-01-01'", "  - id: '2021-01-01'\n    from: '2020-06-01'"));
    expect(() => loadPolicyLibrary({ dir: policies })).toThrow('有效期重叠');
  });
});
