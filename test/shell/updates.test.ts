import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rotateLog, type ShellLog } from '../../electron/main/logging';
import { parseFeedUrl, startUpdateChecks, type Updater } from '../../electron/main/updates';

function memoryLog() {
  const lines: string[] = [];
  const write = (level: string) => (message: string) => void lines.push(`${level} ${message}`);
  const log: ShellLog = {
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    scope: () => ({ info: write('info'), warn: write('warn'), error: write('error'), debug: write('debug') }),
  };
  return { log, lines };
}

function fakeUpdater(check: () => Promise<unknown> = async () => null) {
  const feeds: unknown[] = [];
  let checks = 0;
  const updater: Updater = {
    autoDownload: false,
    autoInstallOnAppQuit: false,
    logger: null,
    setFeedURL: (options) => void feeds.push(options),
    checkForUpdates: () => (checks++, check()),
  };
  return { updater, feeds, checks: () => checks };
}

describe('update channel (electron-updater, generic feed)', () => {
  it.each([undefined, '', '   ', 'file:///srv/updates', 'ftp://10.0.0.5/onebill', 'not a url'])('is off for %j without loading electron-updater', async (url) => {
    const { log, lines } = memoryLog();
    let loaded = false;
    const channel = await startUpdateChecks(url, log, async () => ((loaded = true), fakeUpdater().updater));
    expect(channel.enabled).toBe(false);
    expect(loaded).toBe(false);
    expect(lines.join('\n')).toMatch(/updates off/);
  });

  it('sets a generic feed on the intranet URL, downloads quietly and installs on quit', async () => {
    const { log, lines } = memoryLog();
    const fake = fakeUpdater();
    const channel = await startUpdateChecks(' http://10.1.2.3:8080/onebill/ ', log, async () => fake.updater);
    expect(channel).toMatchObject({ enabled: true, url: 'http://10.1.2.3:8080/onebill/' });
    expect(fake.feeds).toEqual([{ provider: 'generic', url: 'http://10.1.2.3:8080/onebill/' }]);
    expect(fake.updater).toMatchObject({ autoDownload: true, autoInstallOnAppQuit: true });
    expect(fake.checks()).toBe(1);
    expect(lines).toContain('info updates on: http://10.1.2.3:8080/onebill/');
    if (channel.enabled) channel.stop();
  });

  it('logs a failed check instead of throwing', async () => {
    const { log, lines } = memoryLog();
    const fake = fakeUpdater(async () => {
      throw new Error('ECONNREFUSED 10.1.2.3:8080');
    });
    const channel = await startUpdateChecks('https://updates.hospital.local/onebill', log, async () => fake.updater);
    await new Promise((r) => setTimeout(r, 10));
    expect(lines).toContain('warn update check failed: ECONNREFUSED 10.1.2.3:8080');
    if (channel.enabled) channel.stop();
  });

  it('accepts only http and https feeds', () => {
    expect(parseFeedUrl('https://a.local/x')?.href).toBe('https://a.local/x');
    expect(parseFeedUrl('javascript:alert(1)')).toBeNull();
  });
});

describe('log rotation', () => {
  it('shifts main.log to main.1.log … main.5.log and drops the oldest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'onebill-logs-'));
    try {
      const file = join(dir, 'main.log');
      for (let round = 1; round <= 7; round++) {
        writeFileSync(file, `round ${round}`);
        rotateLog(file);
      }
      expect(existsSync(file)).toBe(false);
      expect([1, 2, 3, 4, 5].map((n) => readFileSync(join(dir, `main.${n}.log`), 'utf8'))).toEqual(['round 7', 'round 6', 'round 5', 'round 4', 'round 3']);
      expect(existsSync(join(dir, 'main.6.log'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
