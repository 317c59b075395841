/** Loads resources/bureau/cum-codes.yaml (the regional 5206 code spellings), validated. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { cumCodesFileSchema, type CumCodesFile } from './cum-codes';

export const DEFAULT_CUM_CODES_FILE = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../resources/bureau/cum-codes.yaml');

export function loadCumCodes(path = DEFAULT_CUM_CODES_FILE): CumCodesFile {
  const parsed = cumCodesFileSchema.safeParse(parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`累计代码文件 ${path} 的 ${issue.path.join('.') || '(根)'}：${issue.message}`);
  }
  return parsed.data;
}
