/**
 * Each import boundary of eslint.config.js fires: every file in test/lint-fixtures/ is linted by
 * the project's own ESLint configuration as if it lived at its `// lint-as:` path, and must report
 * exactly the rule (and message) its `// expect:` line names — or nothing, for the allowed cases.
 * Type-aware rules are switched off here: the fixtures are not part of a TypeScript project.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '..', '..');
const fixtures = join(repo, 'test/lint-fixtures');

interface Fixture {
  file: string;
  text: string;
  lintAs: string;
  expected: { ruleId: string; message: string } | null;
}

function readFixture(file: string): Fixture {
  const text = readFileSync(join(fixtures, file), 'utf8');
  const lintAs = /^\/\/ lint-as: (\S+)$/m.exec(text)?.[1];
  const expect = /^\/\/ expect: (.+)$/m.exec(text)?.[1];
  if (!lintAs || !expect) throw new Error(`${file}: needs a "// lint-as:" and an "// expect:" line`);
  const [ruleId, ...message] = expect.split(' ');
  return { file, text, lintAs, expected: ruleId === 'nothing' ? null : { ruleId: ruleId!, message: message.join(' ') } };
}

const all = readdirSync(fixtures)
  .filter((f) => f.endsWith('.ts'))
  .sort()
  .map(readFixture);

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({
    cwd: repo,
    overrideConfig: [tseslint.configs.disableTypeChecked, { languageOptions: { parserOptions: { projectService: false } } }],
  });
});

describe('import boundaries (eslint.config.js)', () => {
  it('has a fixture for every boundary', () => {
    expect(all.length).toBeGreaterThanOrEqual(15);
  });

  it.each(all.map((f) => [f.file, f] as const))('%s', async (_name, fixture) => {
    const [result] = await eslint.lintText(fixture.text, { filePath: join(repo, fixture.lintAs) });
    const found = result!.messages.map((m) => ({ ruleId: m.ruleId, message: m.message }));
    if (fixture.expected === null) expect(found).toEqual([]);
    else {
      expect(found).toHaveLength(1);
      expect(found[0]!.ruleId).toBe(fixture.expected.ruleId);
      expect(found[0]!.message).toContain(fixture.expected.message);
    }
  });
});
