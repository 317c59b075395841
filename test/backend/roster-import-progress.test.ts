import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN_HEADER } from '../../shared/contract';
import { startWebServer, type WebServer } from '../../electron/web';
import { csv, validCertno } from '../../tools/fixtures';
import { loginDemo, startTestBackend, type TestBackend } from './helpers';

const ROWS = 50_000;

describe('roster.importProgress answers over HTTP while roster.import runs', () => {
  let t: TestBackend;
  let server: WebServer;
  let bigRoster: string;
  const api = async (op: string, input: unknown = {}) => {
    const reply = await fetch(`${server.origin}/api/${op}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: server.token },
      body: JSON.stringify(input),
    });
    return (await reply.json()) as { ok: boolean; value?: any; error?: any };
  };

  beforeAll(async () => {
    t = await startTestBackend();
    server = await startWebServer({ backend: t.backend, rendererDir: t.dir });
    await loginDemo(t, 'supervisor');
    bigRoster = join(t.dir, 'big-roster.csv');
    writeFileSync(bigRoster, csv(Array.from({ length: ROWS }, (_, i) => `人员${i},${validCertno(i)},低保对象,2021-01-01,,CN-GZ,`)));
  });
  afterAll(async () => {
    await server?.stop();
    await t?.stop();
  });

  it('is idle before any import', async () => {
    expect(await api('roster.importProgress')).toEqual({
      ok: true,
      value: { state: 'idle', phase: 'done', rowsRead: 0, rowsImported: 0, rowsRejected: 0, source: null, error: null },
    });
  });

  it(`reports a ${ROWS}-row import while it runs, then its result`, async () => {
    let finished = false;
    const importing = api('roster.import', { path: bigRoster, rosterDate: '2021-03' }).finally(() => {
      finished = true;
    });
    const seen: any[] = [];
    while (!finished) {
      const progress = await api('roster.importProgress');
      if (!finished) seen.push(progress.value);
    }
    const result = await importing;
    expect(result).toMatchObject({ ok: true, value: { accepted: ROWS, rejected: 0 } });

    // Answered during the import, part-way through, never going backwards.
    const midway = seen.filter((p) => p.state === 'running' && p.phase === 'importing' && p.rowsRead > 0 && p.rowsRead < ROWS);
    expect(midway.length).toBeGreaterThan(0);
    const read = seen.filter((p) => p.phase === 'importing').map((p) => p.rowsRead);
    expect(read).toEqual([...read].sort((a, b) => a - b));
    expect(midway[0]).toMatchObject({ source: 'big-roster.csv', totalBytes: statSync(bigRoster).size, rowsRejected: 0 });
    expect(midway[0].bytesRead).toBeGreaterThan(0);
    expect(midway[0].bytesRead).toBeLessThanOrEqual(midway[0].totalBytes);

    const size = statSync(bigRoster).size;
    expect((await api('roster.importProgress')).value).toEqual({
      state: 'done',
      phase: 'done',
      rowsRead: ROWS,
      rowsImported: ROWS,
      rowsRejected: 0,
      totalBytes: size,
      bytesRead: size,
      source: 'big-roster.csv',
      error: null,
    });
  });

  it('a failed import ends failed, with its message and nothing imported', async () => {
    const bad = join(t.dir, 'bad.csv');
    writeFileSync(bad, csv([`张三,123,低保对象,2021-01-01,,CN-GZ,`]));
    const result = await api('roster.import', { path: bad });
    expect(result).toMatchObject({ ok: false, error: { code: 'roster-nothing-valid' } });
    expect((await api('roster.importProgress')).value).toMatchObject({
      state: 'failed',
      phase: 'failed',
      rowsRead: 1,
      rowsImported: 0,
      rowsRejected: 1,
      source: 'bad.csv',
      error: result.error.message,
    });
  });
});
