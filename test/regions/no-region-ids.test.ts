/**
 * Regions are data: no region id of a policy file (shipped or test fixture) and no branch on a
 * literal region appears in the source of shared/, electron/ or renderer/ — only in policy files,
 * demo data and tests.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '..', '..');

function files(dir: string, pattern: RegExp): string[] {
  return readdirSync(join(repo, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && pattern.test(e.name))
    .map((e) => relative(repo, join(e.parentPath, e.name)));
}

/** Every `region:` a policy file declares. */
function regionIds(): string[] {
  const policies = [...files('resources/policies', /\.ya?ml$/), ...files('test/regions/fixtures', /\.ya?ml$/)];
  return policies.flatMap((f) => [...readFileSync(join(repo, f), 'utf8').matchAll(/^region: *'?([A-Z-]+)'?/gm)].map((m) => m[1]!));
}

/** `region === '…'`, `policy !== "…"`, `case 'CN-…'`: code that branches on one region. */
const REGION_BRANCH = /\b(region|policy|regionId)\s*[!=]==?\s*['"`][^'"`]+['"`]|case\s+['"`]CN-/;

function findings(text: string, ids: readonly string[]): string[] {
  const found = ids.filter((id) => new RegExp(`(?<![A-Z-])${id}(?![A-Z-])`).test(text)).map((id) => `region id ${id}`);
  const branch = REGION_BRANCH.exec(text);
  return branch ? [...found, `branch on a region: ${branch[0]}`] : found;
}

describe('no region ids in shared/, electron/, renderer/', () => {
  const ids = regionIds();
  const sources = ['shared', 'electron', 'renderer'].flatMap((d) => files(d, /\.(ts|tsx|mjs|js)$/));

  it('knows the regions and the source it checks (so the check below checks something)', () => {
    expect(ids).toEqual(expect.arrayContaining(['CN-GD-JM', 'CN-GZ', 'CN-JL', 'CN-LN', 'CN-XX-TEST']));
    expect(sources.length).toBeGreaterThan(100);
    expect(findings("const JIANGMEN = 'CN-GD-JM';", ids)).toEqual(['region id CN-GD-JM']);
    expect(findings("if (input.policy === 'CN-XY') return;", ids)).toHaveLength(1);
    expect(findings("const region = query.region ?? 'CN-GZ';", ids)).toEqual(['region id CN-GZ']);
    expect(findings("region: z.string().regex(/^CN(-[A-Z]{2,4})+$/, '统筹区编号格式应如 CN-省-市')", ids)).toEqual([]);
  });

  it('finds none in any source file', () => {
    const bad = sources.flatMap((file) => findings(readFileSync(join(repo, file), 'utf8'), ids).map((f) => `${file}: ${f}`));
    expect(bad).toEqual([]);
  });
});
