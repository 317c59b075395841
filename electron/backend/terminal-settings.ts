import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { regionSchema, terminalSettingsSchema, type settingsPatchSchema } from '../../shared/contract';

export type TerminalSettings = z.output<typeof terminalSettingsSchema>;
export type SettingsPatch = z.output<typeof settingsPatchSchema>;

const SETTINGS_KEY = 'terminal';

/** The demo terminal (resources/demo/terminal.yaml): the region and hospital a fresh machine starts with. */
const demoTerminalSchema = z
  .object({
    region: regionSchema,
    hospital: z.object({ code: z.string().min(1), name: z.string().min(1), level: z.union([z.literal(1), z.literal(2), z.literal(3)]) }).strict(),
  })
  .strict();
export type DemoTerminal = z.output<typeof demoTerminalSchema>;

export function loadDemoTerminal(resourcesDir: string): DemoTerminal {
  const path = join(resourcesDir, 'demo', 'terminal.yaml');
  const parsed = demoTerminalSchema.safeParse(parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`演示终端文件 ${path} 有误：${parsed.error.issues[0]?.message ?? ''}`);
  return parsed.data;
}

export function defaultSettings(demo: DemoTerminal): TerminalSettings {
  return {
    reader: { driver: 'simulator', port: '', baudRate: 9600 },
    printer: { name: '', paper: 'A5', silent: true },
    region: demo.region,
    hospital: { ...demo.hospital },
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
    ...thermalOf(patch.thermalPrinter === undefined ? current.thermalPrinter : patch.thermalPrinter),
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

/** Present only when set (null and undefined both mean: no thermal printer). */
const thermalOf = (value: TerminalSettings['thermalPrinter'] | null) => (value ? { thermalPrinter: value } : {});

/**
 * The thermal printer is stored under a ledger key of its own (where it always was), beside the
 * rest of the terminal settings; the site file's `printer.thermal`, when present, wins over it.
 */
export const THERMAL_PRINTER_KEY = 'thermalPrinter';

interface KeyValueStore {
  get<T = unknown>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown, actor?: string): Promise<void>;
}

/** Settings live in the ledger's audited settings table; a stored value that no longer parses falls back to the defaults. */
export async function readSettings(store: KeyValueStore, demo: DemoTerminal): Promise<TerminalSettings> {
  const stored = terminalSettingsSchema.safeParse(await store.get(SETTINGS_KEY));
  const settings: TerminalSettings = { ...(stored.success ? stored.data : defaultSettings(demo)) };
  delete settings.thermalPrinter; // never kept in the terminal key
  // A stored printer that no longer parses is dropped: receipts go to the system printer (A5) instead.
  const thermal = terminalSettingsSchema.shape.thermalPrinter.safeParse((await store.get(THERMAL_PRINTER_KEY)) ?? undefined);
  return { ...settings, ...thermalOf(thermal.success ? thermal.data : undefined) };
}

/**
 * Writes the settings; `locked` keys come from the site file and are not this window's own: the
 * thermal printer the site fixes is not written over the window's fallback.
 */
export async function writeSettings(store: KeyValueStore, settings: TerminalSettings, actor: string, locked: readonly string[] = []): Promise<void> {
  const { thermalPrinter, ...terminal } = settings;
  await store.set(SETTINGS_KEY, terminal, actor);
  // The ledger reads `terminalId` on open for settlement ids.
  await store.set('terminalId', settings.terminalId, actor);
  if (locked.includes(THERMAL_PRINTER_KEY)) return;
  const before = (await store.get(THERMAL_PRINTER_KEY)) ?? null;
  if (JSON.stringify(before) !== JSON.stringify(thermalPrinter ?? null)) await store.set(THERMAL_PRINTER_KEY, thermalPrinter ?? null, actor);
}
