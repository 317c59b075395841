import { wallTime } from '../../../shared/time';
import { connectionLabel, PrinterError, renderTestPage, sendToPrinter } from '../../printer';
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
      throw new BackendError(
        'setting-locked',
        `以下设置由站点配置文件 ${runtime.options.site?.source ?? ''} 规定，不能在本机修改：${fixed.join('、')}`,
        fixed.map((path) => ({ path, message: '由站点配置规定' })),
      );
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
  'settings.testPrinter': async ({ thermalPrinter }, { runtime }) => {
    const inForce = runtime.settings.thermalPrinter;
    if (thermalPrinter && runtime.locked.includes('thermalPrinter') && JSON.stringify(thermalPrinter) !== JSON.stringify(inForce)) {
      throw new BackendError('setting-locked', `热敏打印机由站点配置文件 ${runtime.options.site?.source ?? ''} 规定，只能测试该打印机`, [
        { path: 'thermalPrinter', message: '由站点配置规定' },
      ]);
    }
    const printer = thermalPrinter ?? inForce;
    if (!printer) return { ok: false, detail: '未配置热敏打印机：结算单按系统打印机（A5/A4）打印' };
    const page = renderTestPage(printer, {
      hospital: runtime.settings.hospital.name,
      terminalId: runtime.settings.terminalId,
      printedAt: wallTime(runtime.ledger.now()),
    });
    try {
      await sendToPrinter(printer.connection, page);
      return {
        ok: true,
        detail: `测试页已发送到${connectionLabel(printer.connection)}，${printer.width} 纸宽：请查看打印机是否打出测试页和二维码${printer.cut ? '并切纸' : ''}`,
      };
    } catch (error) {
      if (!(error instanceof PrinterError)) throw error;
      return { ok: false, detail: `测试页未能打印：${error.message}` };
    }
  },
} satisfies Partial<Handlers>;
