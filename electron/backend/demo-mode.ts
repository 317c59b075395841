import type { TerminalSettings } from './terminal-settings';

/**
 * Demo mode: no bureau configured, the built-in simulator answers (README 快速开始). The ONE place
 * that decides it — the demo accounts exist and log in only in demo mode.
 */
export function isDemoMode(runtime: { settings: TerminalSettings }): boolean {
  return runtime.settings.bureau.url === '';
}
