import { bureauSiteConfig } from './bureau-service';
import type { TerminalSettings } from './terminal-settings';

/**
 * Demo mode: the site's bureau section says `mode: demo` (today derived from the terminal settings:
 * no bureau URL), the built-in simulator answers (README 快速开始). The ONE place that decides it —
 * the demo accounts exist and log in only in demo mode.
 */
export function isDemoMode(runtime: { settings: TerminalSettings }): boolean {
  return bureauSiteConfig(runtime.settings).mode === 'demo';
}
