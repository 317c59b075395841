import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where a terminal keeps its ledger outside Electron: ONEBILL_DATA_DIR, else the OS's per-user app-data folder. */
export function defaultUserDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.ONEBILL_DATA_DIR) return env.ONEBILL_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'OneBill');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'OneBill');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'OneBill');
}
