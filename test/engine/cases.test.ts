import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicyLibrary } from '../../electron/policy';
import { caseFiles, runCaseFile } from '../../tools/lib/case-file';

const library = loadPolicyLibrary();
const folders = [resolve(__dirname, '../cases'), resolve(__dirname, '../../../shared/cases')].filter(existsSync);

describe.each(folders)('case files in %s', (folder) => {
  it.each(caseFiles(folder).map((f) => [basename(f), f]))('%s', (_name, file) => {
    const run = runCaseFile(file, library);
    expect(run.failures).toEqual([]);
  });
});

describe('case runner', () => {
  it('reports a wrong expectation as a failure naming the field', async () => {
    const { compareExpectations } = await import('../../tools/lib/case-file');
    const run = runCaseFile(resolve(__dirname, '../cases/100-gz-continuous-deductible.yaml'), library);
    expect(compareExpectations({ basic: '630.01', monitoringAlert: true }, run.outcome)).toEqual([
      { field: 'basic', expected: '630.01', actual: '630.00' },
      { field: 'monitoringAlert', expected: 'true', actual: 'false' },
    ]);
    expect(compareExpectations({ error: 'no-policy' }, run.outcome)).toEqual([{ field: 'error', expected: 'no-policy', actual: 'settled' }]);
  });
});
