/**
 * Fault injection (bureau.md §5): added latency, and failures of four kinds, either for the next N
 * matching requests (deterministic, for tests) or at a random rate (seeded, for soak runs).
 * `afterProcessing` makes the bureau do the work and then lose the answer: the hard case; `holdMs`
 * makes it do the work and hold the answer (a process can be killed while the centre has committed).
 */
import { z } from 'zod';
import { mulberry32 } from '../../shared/random';

export const FAULT_KINDS = ['infcode', 'http500', 'drop', 'malformed'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const faultSettingsSchema = z
  .object({
    latencyMs: z.number().int().min(0).default(0),
    errorRate: z.number().min(0).max(1).default(0),
    failNext: z.number().int().min(0).default(0),
    kinds: z.array(z.enum(FAULT_KINDS)).min(1).default(['infcode']),
    /** Only these transactions (empty: all). */
    infnos: z.array(z.string()).default([]),
    afterProcessing: z.boolean().default(false),
    /** After processing, the answer to a matching request that is not failed waits this long: committed at the centre, still on its way. */
    holdMs: z.number().int().min(0).default(0),
    errMsg: z.string().default('医保中心系统繁忙，请稍后再试（模拟故障）'),
    seed: z.number().int().default(1),
  })
  .strict();
export type FaultSettings = z.output<typeof faultSettingsSchema>;
export type FaultSettingsInput = z.input<typeof faultSettingsSchema>;

export interface FaultPlan {
  latencyMs: number;
  holdMs: number;
  kind: FaultKind | null;
  afterProcessing: boolean;
  errMsg: string;
}

export class FaultInjector {
  private settings: FaultSettings;
  private random: () => number;
  private rotation = 0;
  injected = 0;

  constructor(settings: FaultSettingsInput = {}) {
    this.settings = faultSettingsSchema.parse(settings);
    this.random = mulberry32(this.settings.seed);
  }

  configure(settings: FaultSettingsInput): FaultSettings {
    this.settings = faultSettingsSchema.parse(settings);
    this.random = mulberry32(this.settings.seed);
    this.rotation = 0;
    return this.settings;
  }

  current(): FaultSettings & { injected: number } {
    return { ...this.settings, injected: this.injected };
  }

  plan(infno: string): FaultPlan {
    const s = this.settings;
    const none: FaultPlan = { latencyMs: 0, holdMs: 0, kind: null, afterProcessing: false, errMsg: s.errMsg };
    if (s.infnos.length > 0 && !s.infnos.includes(infno)) return none;
    let kind: FaultKind | null = null;
    if (s.failNext > 0) {
      s.failNext--;
      kind = s.kinds[this.rotation++ % s.kinds.length]!;
    } else if (s.errorRate > 0 && this.random() < s.errorRate) {
      kind = s.kinds[Math.floor(this.random() * s.kinds.length)]!;
    }
    if (kind) this.injected++;
    return { latencyMs: s.latencyMs, holdMs: s.holdMs, kind, afterProcessing: s.afterProcessing, errMsg: s.errMsg };
  }
}
