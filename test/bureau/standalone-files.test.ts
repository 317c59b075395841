import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * `npm run bureau` as an operator starts it (umask 022): its SQLite file holds demo people's ID
 * numbers and settlements, so it and its WAL/SHM companions are 0600, also when the file was
 * left world-readable by an earlier version.
 */
const dir = mkdtempSync(join(tmpdir(), 'onebill-bureau-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const mode = (path: string) => statSync(path).mode & 0o777;

/** Starts tools/bureau.ts on an ephemeral loopback port, runs `check` while it runs, then stops it. */
async function withStandaloneBureau(db: string, check: () => void): Promise<void> {
  const child = spawn('sh', ['-c', `umask 022; exec ./node_modules/.bin/tsx tools/bureau.ts --port 0 --db "$0"`, db], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  try {
    let output = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('医保中心模拟器已启动')) resolve();
      });
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      void exited.then((code) => reject(new Error(`npm run bureau exited (${code}): ${output}`)));
    });
    check();
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

describe.runIf(process.platform !== 'win32')('npm run bureau keeps its files private (Linux)', () => {
  it('creates its database 0600 under umask 022, WAL and SHM too', { timeout: 60_000 }, async () => {
    const db = join(dir, 'fresh.sqlite');
    await withStandaloneBureau(db, () => {
      expect(mode(db).toString(8)).toBe('600');
      expect(mode(`${db}-wal`).toString(8)).toBe('600');
      expect(mode(`${db}-shm`).toString(8)).toBe('600');
    });
  });

  it('tightens a world-readable file left by an earlier version', { timeout: 60_000 }, async () => {
    const db = join(dir, 'old.sqlite');
    writeFileSync(db, '');
    chmodSync(db, 0o644);
    await withStandaloneBureau(db, () => {
      expect(mode(db).toString(8)).toBe('600');
      expect(mode(`${db}-wal`).toString(8)).toBe('600');
    });
  });
});
