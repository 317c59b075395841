import { BackendError } from '../errors';
import { bureauView } from '../bureau-service';
import { applySettings } from '../apply-settings';
import { openReaderService } from '../reader-service';
import type { Runtime } from '../runtime';
import { requireSession } from '../session';
import { mergeSettings } from '../terminal-settings';
import type { Handlers } from './types';

function settingsView(runtime: Runtime) {
  return {
    settings: runtime.settings,
    regions: runtime.library.regions().map((r) => ({ code: r.region, name: r.name })),
    locked: runtime.locked,
    ledger: runtime.ledger.description,
    siteConfig: runtime.options.site?.source ?? null,
    bureau: bureauView(runtime.bureau.config, runtime.bureau, runtime.options.site?.config.bureau ? runtime.options.site.source : null),
  };
}

export const settingsHandlers = {
  'settings.get': (_input, { runtime }) => settingsView(runtime),
  'settings.update': async (patch, { runtime, session }) => {
    const next = mergeSettings(runtime.settings, patch);
    const same = (key: string) => JSON.stringify((next as Record<string, unknown>)[key]) === JSON.stringify((runtime.settings as Record<string, unknown>)[key]);
    const fixed = Object.keys(patch).filter((key) => runtime.locked.includes(key) && !same(key));
    if (fixed.length > 0) {
      throw new BackendError('setting-locked', `以下设置由站点配置文件 ${runtime.options.site?.source ?? ''} 规定，不能在本机修改：${fixed.join('、')}`, fixed.map((path) => ({ path, message: '由站点配置规定' })));
    }
    await applySettings(runtime, mergeSettings(runtime.settings, patch), requireSession(session).operator.id);
    return settingsView(runtime);
  },
  'settings.testReader': async ({ reader }, { runtime }) => {
    const service = reader ? await openReaderService(reader, runtime.options.readerSimulator) : runtime.reader;
    try {
      const view = service.view();
      return { ok: view.state === 'ready' || view.state === 'no-card', detail: view.detail };
    } finally {
      if (service !== runtime.reader) await service.close();
    }
  },
  'settings.testBureau': (_input, { runtime }) => runtime.bureau.check(),
} satisfies Partial<Handlers>;
