import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSiteConfig, siteConfigPath, terminalIdFromHost } from '../../electron/site';

const dir = mkdtempSync(join(tmpdir(), 'onebill-site-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const HOSPITAL = `hospital: { code: H44070300001, name: 江门市蓬江区人民医院, level: 3 }\nregion: CN-GD-JM\n`;

describe('site configuration file', () => {
  it('reads a five-window hospital file: ledger URL, bureau, reader, printer, terminal id', () => {
    const site = loadSiteConfig(
      file(
        'site.yaml',
        `${HOSPITAL}ledger: { url: 'postgres://onebill:s3cret@10.0.0.5:5432/onebill' }\nbureau: { mode: live, url: 'https://fsi.example.gov.cn/fsi/api/rsfComIfsService/callService', envelope: { mdtrtarea_admvs: '440703' }, nightlyOperator: { code: '0001', name: '夜间上传' } }\nreader: { driver: acr30, port: COM3, baudRate: 9600 }\nprinter: { name: EPSON LQ-630K, paper: 241mm, silent: true }\nterminalId: ZY02\n`,
      ),
    );
    expect(site.terminalId).toBe('ZY02');
    expect(site.config).toMatchObject({
      hospital: { code: 'H44070300001', level: 3 },
      region: 'CN-GD-JM',
      reader: { driver: 'acr30', port: 'COM3' },
      printer: { paper: '241mm' },
    });
  });

  it('settles nightly unless the bureau section says realtime', () => {
    const nightly = loadSiteConfig(file('nightly.yaml', `${HOSPITAL}bureau: { mode: demo }\n`));
    expect(nightly.config.bureau?.settlement).toBe('nightly');
    const realtime = loadSiteConfig(file('realtime.yaml', `${HOSPITAL}bureau: { mode: demo, settlement: realtime }\n`));
    expect(realtime.config.bureau?.settlement).toBe('realtime');
    expect(() => loadSiteConfig(file('weekly.yaml', `${HOSPITAL}bureau: { mode: demo, settlement: weekly }\n`))).toThrow(
      /bureau\.settlement 只能是 realtime（实时结算）或 nightly（夜间上传）/,
    );
  });

  it('names the intranet update feed, http(s) only; without it updates stay off', () => {
    expect(loadSiteConfig(file('no-updates.yaml', HOSPITAL)).config.updates).toBeUndefined();
    const site = loadSiteConfig(file('updates.yaml', `${HOSPITAL}updates: { url: 'http://10.1.2.3/onebill/' }\n`));
    expect(site.config.updates).toEqual({ url: 'http://10.1.2.3/onebill/' });
    expect(() => loadSiteConfig(file('ftp-updates.yaml', `${HOSPITAL}updates: { url: 'ftp://10.1.2.3/onebill/' }\n`))).toThrow(/updates\.url：更新地址应为内网的 http/);
    expect(() => loadSiteConfig(file('bad-updates.yaml', `${HOSPITAL}updates: { url: 'http://10.1.2.3/', channel: beta }\n`))).toThrow(/updates/);
  });

  it('names every bad key, and never shows the password of a ledger URL', () => {
    const bad = file(
      'bad.yaml',
      `hospital: { code: H4407, name: 某院, level: 5 }\nregion: CN-GD-JM\nledger: { url: 'mysql://root:topsecret@db/x' }\nbureau: { mode: live }\n`,
    );
    let message = '';
    try {
      loadSiteConfig(bad);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('hospital.code');
    expect(message).toContain('hospital.level');
    expect(message).toContain('ledger');
    expect(message).not.toContain('topsecret');
    expect(() => loadSiteConfig(file('live.yaml', `${HOSPITAL}bureau: { mode: live }\n`))).toThrow(/bureau\.url：bureau\.mode 为 live 时须配置 bureau\.url/);
  });

  it('refuses unknown keys and broken YAML with the file named', () => {
    expect(() => loadSiteConfig(file('typo.yaml', `${HOSPITAL}ledgr: { path: x }\n`))).toThrow(/typo\.yaml.*ledgr|Unrecognized|未知/);
    expect(() => loadSiteConfig(file('broken.yaml', 'hospital: [\n'))).toThrow(/broken\.yaml 不是合法的 YAML/);
    expect(() => loadSiteConfig(join(dir, 'missing.yaml'))).toThrow(/找不到站点配置文件/);
  });

  it('derives the terminal id from the host name; a relative SQLite path is beside the file', () => {
    expect(terminalIdFromHost('cashier-pc-03.hospital.local')).toBe('CASHIERPC03');
    const site = loadSiteConfig(file('one-pc.yaml', `${HOSPITAL}ledger: { path: data/ledger.db }\n`));
    expect(site.config.ledger).toEqual({ path: join(dir, 'data/ledger.db') });
    expect(site.terminalId).toMatch(/^[A-Z0-9]{1,12}$/);
  });

  it('is found from --config or ONEBILL_CONFIG', () => {
    expect(siteConfigPath(['node', 'cli', '--config', 'a.yaml'], {})).toBe('a.yaml');
    expect(siteConfigPath(['node', 'cli', '--config=b.yaml'], {})).toBe('b.yaml');
    expect(siteConfigPath(['node', 'cli'], { ONEBILL_CONFIG: 'c.yaml' })).toBe('c.yaml');
    expect(siteConfigPath(['node', 'cli'], {})).toBeUndefined();
  });
});
