import { terminalSettingsSchema, type settingsPatchSchema } from '../../shared/contract';
import type { z } from 'zod';

export type TerminalSettings = z.output<typeof terminalSettingsSchema>;
export type SettingsPatch = z.output<typeof settingsPatchSchema>;

const SETTINGS_KEY = 'terminal';

/** The demo hospital of each region: what a fresh machine starts with (no configuration needed). */
const DEMO_HOSPITALS: Record<string, { code: string; name: string }> = {
  'CN-GZ': { code: 'H52010200001', name: '贵阳市南明区人民医院（演示）' },
  'CN-GD-JM': { code: 'H44070300001', name: '江门市蓬江区人民医院（演示）' },
  'CN-LN': { code: 'H21010200001', name: '沈阳市和平区人民医院（演示）' },
  'CN-JL': { code: 'H22010200001', name: '长春市南关区人民医院（演示）' },
};

export const DEMO_REGION = 'CN-GZ';

export function defaultSettings(region = DEMO_REGION): TerminalSettings {
  const hospital = DEMO_HOSPITALS[region] ?? DEMO_HOSPITALS[DEMO_REGION]!;
  return {
    reader: { driver: 'simulator', port: '', baudRate: 9600 },
    printer: { name: '', paper: 'A5', silent: true },
    region,
    hospital: { ...hospital, level: 3 },
    terminalId: 'T01',
    policyOverridesDir: '',
  };
}

/** Optional numeric settings (absent = the built-in default): lockout and idle lock. */
const OPTIONAL_NUMBERS = ['lockoutAttempts', 'lockoutMinutes', 'idleLockMinutes'] as const;

export function mergeSettings(current: TerminalSettings, patch: SettingsPatch): TerminalSettings {
  return terminalSettingsSchema.parse({
    reader: { ...current.reader, ...patch.reader },
    printer: { ...current.printer, ...patch.printer },
    region: patch.region ?? current.region,
    hospital: { ...current.hospital, ...patch.hospital },
    terminalId: patch.terminalId ?? current.terminalId,
    policyOverridesDir: patch.policyOverridesDir ?? current.policyOverridesDir,
    ...((patch.uploadAt ?? current.uploadAt) ? { uploadAt: patch.uploadAt ?? current.uploadAt } : {}),
    ...((patch.receiptFont ?? current.receiptFont) ? { receiptFont: patch.receiptFont ?? current.receiptFont } : {}),
    ...Object.fromEntries(
      OPTIONAL_NUMBERS.flatMap((key) => {
        const value = patch[key] ?? current[key];
        return value === undefined ? [] : [[key, value]];
      }),
    ),
  });
}

interface KeyValueStore {
  get<T = unknown>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown, actor?: string): Promise<void>;
}

/** Settings live in the ledger's audited settings table; a stored value that no longer parses falls back to the defaults. */
export async function readSettings(store: KeyValueStore): Promise<TerminalSettings> {
  const stored = terminalSettingsSchema.safeParse(await store.get(SETTINGS_KEY));
  return stored.success ? stored.data : defaultSettings();
}

export async function writeSettings(store: KeyValueStore, settings: TerminalSettings, actor: string): Promise<void> {
  await store.set(SETTINGS_KEY, settings, actor);
  // The ledger reads `terminalId` on open for settlement ids.
  await store.set('terminalId', settings.terminalId, actor);
}
