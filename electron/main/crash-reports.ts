import { app, crashReporter } from 'electron';

/** Minidumps of crashed processes, kept on this PC only (app.getPath('crashDumps')); nothing is uploaded. */
export function startCrashReporter(): void {
  crashReporter.start({ productName: 'OneBill', uploadToServer: false, compress: true, ignoreSystemCrashHandler: true });
}

export const crashDumpsDir = (): string => app.getPath('crashDumps');
