/**
 * Every `§` the code cites resolves in docs/rules/ (a clean clone has no team folder): a citation
 * of a section that docs/rules does not restate fails here, naming the file and the citation.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '..', '..');
const rules = (doc: string) => readFileSync(join(repo, 'docs/rules', doc), 'utf8');
const DOCS = { settlement: 'settlement.md', bureau: 'bureau.md', card: 'card-reader.md', platform: 'national-platform.md' } as const;
type Doc = keyof typeof DOCS;

function sourceFiles(dir: string): string[] {
  return readdirSync(join(repo, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|yaml|mjs)$/.test(e.name))
    .map((e) => relative(repo, join(e.parentPath, e.name)));
}

/** `## §4.4 …`, `### §6.2 …` or a list item `- **§18.8**` in the doc. */
function hasSection(doc: Doc, section: string): boolean {
  const number = `§${section.replace('.', '\\.')}(?![.\\d])`;
  return new RegExp(`^(#{2,3} ${number}|- \\*\\*${number})`, 'm').test(rules(DOCS[doc]));
}

/** The document a bare `§N` means in a folder: the one its code implements (or one the file names). */
function contextDocs(file: string): Doc[] {
  if (/^(electron\/bureau|tools\/bureau-sim|electron\/upload)\//.test(file)) return ['bureau', 'platform'];
  if (/^(electron|shared)\/card\//.test(file)) return ['card', 'bureau'];
  return ['settlement'];
}

type Citation = { file: string; text: string; docs: Doc[]; section: string };

function citations(): Citation[] {
  const found: Citation[] = [];
  for (const file of ['shared', 'electron', 'renderer', 'tools', 'resources/policies'].flatMap(sourceFiles)) {
    const text = readFileSync(join(repo, file), 'utf8');
    // A named document governs the § right after it and those chained to it ("§1, §3", "§1–§2").
    const pattern =
      /(national-platform(?:\.md)?|bureau(?:\.md| spec)?|settlement\.md|rule book|card-reader(?:\.md)?|seed:? ?\d{3})?\s*((?:§ ?\d+(?:\.\d+)?(?:\s*(?:,|–|-|and)\s*)?)+)/g;
    const docOf = (named: string): Doc =>
      named.startsWith('national-platform') ? 'platform' : named.startsWith('bureau') ? 'bureau' : named.startsWith('card-reader') ? 'card' : 'settlement';
    const matches = [...text.matchAll(pattern)].filter(([, named = '']) => !/^seed/.test(named)); // seed clauses are checked below
    // A bare § means the folder's document or one the same file names elsewhere.
    const namedInFile = matches.flatMap(([, named = '']) => (named ? [docOf(named)] : []));
    for (const [whole, named = '', chain = ''] of matches) {
      const docs: Doc[] = named ? [docOf(named)] : [...new Set([...contextDocs(file), ...namedInFile])];
      for (const [, section] of chain.matchAll(/§ ?(\d+(?:\.\d+)?)/g)) found.push({ file, text: whole.trim(), docs, section: section! });
    }
  }
  return found;
}

describe('rule references', () => {
  const all = citations();

  it('finds the code’s citations (so the check below checks something)', () => {
    expect(all.length).toBeGreaterThan(40);
    expect(all).toContainEqual(expect.objectContaining({ file: 'shared/engine/layers/fourth-layer.ts', section: '4.4', docs: ['settlement'] }));
    expect(all).toContainEqual(expect.objectContaining({ section: '17.7', docs: ['platform'] }));
  });

  it('resolves every § in docs/rules', () => {
    const unresolved = all
      .filter((c) => !c.docs.some((doc) => hasSection(doc, c.section)))
      .map((c) => `${c.file}: "${c.text}" → ${c.docs.map((d) => DOCS[d]).join(' or ')} §${c.section}`);
    expect(unresolved).toEqual([]);
  });

  it('resolves every seed clause in docs/rules/seeds.md', () => {
    const seeds = rules('seeds.md');
    const section = (n: string) => seeds.split(/^## /m).find((s) => s.startsWith(`seed ${n}`)) ?? '';
    const unresolved: string[] = [];
    for (const file of ['shared', 'electron', 'tools', 'resources/policies'].flatMap(sourceFiles)) {
      for (const [whole, n, clause] of readFileSync(join(repo, file), 'utf8').matchAll(/seed:? ?(\d{3})(?: §([^\s'"`,…，。）：；、]+))?/g)) {
        const body = section(n!);
        const top = clause?.replace(/\d+$/, '');
        if (!body || (top && !body.includes(top))) unresolved.push(`${file}: ${whole}`);
      }
    }
    expect(unresolved).toEqual([]);
  });
});
