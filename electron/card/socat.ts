import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A virtual null-modem cable: two pty ends that socat joins (spec §5). */
export interface SocatPair {
  /** The end the application opens as its reader port. */
  hostPath: string;
  /** The end the simulated reader listens on. */
  devicePath: string;
  stop(): Promise<void>;
}

let socatAvailable: boolean | undefined;

export function hasSocat(): boolean {
  socatAvailable ??= spawnSync('socat', ['-V'], { stdio: 'ignore' }).status === 0;
  return socatAvailable;
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

/**
 * Starts socat with two pty links. Pass `dir` and `names` to reuse paths (e.g. to plug the same
 * port back in after `stop()`); otherwise a fresh temporary directory is used and removed on stop.
 */
export async function startSocatPair(options: { dir?: string; names?: [string, string] } = {}): Promise<SocatPair> {
  const ownDir = options.dir === undefined;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'onebill-reader-'));
  const [hostName, deviceName] = options.names ?? ['reader', 'device'];
  const hostPath = join(dir, hostName);
  const devicePath = join(dir, deviceName);
  const child = spawn('socat', [`pty,raw,echo=0,link=${hostPath}`, `pty,raw,echo=0,link=${devicePath}`], { stdio: 'ignore' });
  const gone = exited(child);
  const deadline = Date.now() + 5000;
  while (!(existsSync(hostPath) && existsSync(devicePath))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill();
      throw new Error(`socat did not create ${hostPath} and ${devicePath}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return {
    hostPath,
    devicePath,
    async stop() {
      child.kill();
      await gone;
      if (ownDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
