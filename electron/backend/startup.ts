import type { OpOutput } from '../../shared/contract';
import type { StartupStep } from '../ledger';

export type StartupView = OpOutput<'startup.status'>;

const percentOf = (done: number, total: number) => (total > 0 ? Math.min(100, Math.floor((done * 100) / total)) : 0);

/** The start-up's phase and progress (startup.status), fed by the ledger's upgrade and verification steps. */
export function createStartup() {
  let view: StartupView = { phase: 'opening', percent: null, detail: '正在打开台账…', error: null };
  return {
    view: (): StartupView => ({ ...view }),
    step(step: StartupStep): void {
      const percent = percentOf(step.done, step.total);
      view =
        step.phase === 'upgrading'
          ? { phase: 'upgrading', percent, detail: `正在升级台账（第 ${step.done + 1}/${step.total} 步）… ${percent}%`, error: null }
          : { phase: 'verifying', percent, detail: `正在核验台账 … ${percent}%`, error: null };
    },
    verifying(): void {
      view = { phase: 'verifying', percent: 0, detail: '正在核验台账 … 0%', error: null };
    },
    ready(): void {
      view = { phase: 'ready', percent: null, detail: '就绪', error: null };
    },
    failed(code: string, message: string): void {
      view = { phase: 'failed', percent: null, detail: `启动失败：${message}`, error: { code, message } };
    },
  };
}

export type Startup = ReturnType<typeof createStartup>;
