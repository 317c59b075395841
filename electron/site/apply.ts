import type { TerminalSettings } from '../backend';
import type { LoadedSite } from './load';
import { systemPrinterOf } from './thermal';

/**
 * The terminal settings with what the site file fixes laid over the stored ones, and the keys it
 * fixed (locked in the settings screen: settings.update refuses to change them).
 */
export function applySite(stored: TerminalSettings, site: LoadedSite | undefined): { settings: TerminalSettings; locked: string[] } {
  if (!site) return { settings: stored, locked: [] };
  const c = site.config;
  const locked: string[] = ['hospital', 'region', 'terminalId'];
  const settings: TerminalSettings = { ...stored, hospital: { ...c.hospital }, region: c.region, terminalId: site.terminalId };
  // The bureau section is read from the site itself (bureauSiteConfig), never from the settings.
  if (c.bureau) locked.push('bureau');
  if (c.reader) {
    settings.reader = c.reader;
    locked.push('reader');
  }
  const systemPrinter = c.printer && systemPrinterOf(c.printer);
  if (systemPrinter) {
    settings.printer = systemPrinter;
    locked.push('printer');
  }
  if (c.printer?.thermal) {
    settings.thermalPrinter = c.printer.thermal;
    locked.push('thermalPrinter');
  }
  if (c.uploadAt) {
    settings.uploadAt = c.uploadAt;
    locked.push('uploadAt');
  }
  return { settings, locked };
}
