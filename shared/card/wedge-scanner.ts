/**
 * A keyboard-wedge scanner types its code as keystrokes far faster than a person, then Enter.
 * Feed every keydown (`KeyboardEvent.key` and `timeStamp`); `push` returns the scanned code when
 * Enter ends a burst of at least `minLength` characters, each within `maxGapMs` of the previous.
 * A slow keystroke starts a new burst, so typing by hand never produces a scan.
 */
export interface WedgeScanOptions {
  /** Longest pause between two keystrokes of one scan. Scanners type at 2–10 ms per key. */
  maxGapMs?: number;
  /** Shortest code accepted as a scan (shorter bursts are ignored). */
  minLength?: number;
}

export interface WedgeScanDetector {
  /** Returns the scanned code when this key completes a scan, else null. */
  push(key: string, atMs: number): string | null;
  /** True while a burst is under way: the caller may hold back these keys from input fields. */
  readonly inBurst: boolean;
  reset(): void;
}

export function createWedgeScanDetector(options: WedgeScanOptions = {}): WedgeScanDetector {
  const maxGapMs = options.maxGapMs ?? 50;
  const minLength = options.minLength ?? 8;
  let buffer = '';
  let lastAt = Number.NEGATIVE_INFINITY;

  return {
    push(key, atMs) {
      const fast = atMs - lastAt <= maxGapMs;
      if (key === 'Enter') {
        const code = fast && buffer.length >= minLength ? buffer : null;
        buffer = '';
        lastAt = Number.NEGATIVE_INFINITY;
        return code;
      }
      if (key.length !== 1) return null; // Shift, CapsLock… carry no character and keep the burst.
      buffer = fast ? buffer + key : key;
      lastAt = atMs;
      return null;
    },
    get inBurst() {
      return buffer.length > 1;
    },
    reset() {
      buffer = '';
      lastAt = Number.NEGATIVE_INFINITY;
    },
  };
}
