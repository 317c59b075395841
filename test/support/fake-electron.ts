import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The marker @electron/fuses looks for; the fuse wire follows it: version byte, length byte, one byte per fuse. */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's own defaults for the nine V1 fuses of Electron 45 ('1' on, '0' off). */
export const STOCK_FUSE_WIRE = '101100011';

/** A stand-in Electron executable: a shell script that carries a real fuse wire. */
export function fakeElectronBinary(path: string, wire = STOCK_FUSE_WIRE): string {
  const body = Buffer.concat([
    Buffer.from(`#!/bin/sh\n# ${FUSE_SENTINEL}`),
    Buffer.from([1, wire.length]),
    Buffer.from(wire),
    Buffer.from('\necho "stand-in electron"\n'),
  ]);
  writeFileSync(path, body);
  chmodSync(path, 0o755);
  return path;
}

/** An unpacked Linux Electron distribution for electron-builder's `electronDist` (nothing is downloaded). */
export function fakeElectronDist(dir: string): string {
  mkdirSync(dir, { recursive: true });
  fakeElectronBinary(join(dir, 'electron'));
  writeFileSync(join(dir, 'LICENSE'), 'stand-in');
  return dir;
}
