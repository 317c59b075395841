import { bureauSiteConfig } from './bureau-service';
import type { BackendOptions } from './runtime';

/**
 * Demo mode: no site file, or its bureau section says `mode: demo`; the built-in simulator
 * answers (README 快速开始). The ONE place that decides it — the demo accounts exist and log in
 * only in demo mode.
 */
export function isDemoMode(runtime: { options: Pick<BackendOptions, 'site'> }): boolean {
  return bureauSiteConfig(runtime.options.site?.config.bureau).mode === 'demo';
}
