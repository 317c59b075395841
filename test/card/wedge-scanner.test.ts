import { describe, expect, it } from 'vitest';
import { createWedgeScanDetector } from '../../shared/card';

/** Feeds `text` one key every `gapMs` from `start`, then Enter after `enterGapMs`; returns what each key produced. */
function type(detector: ReturnType<typeof createWedgeScanDetector>, text: string, gapMs: number, start = 1000, enterGapMs = gapMs) {
  const out: Array<string | null> = [];
  let t = start;
  for (const ch of text) {
    out.push(detector.push(ch, t));
    t += gapMs;
  }
  out.push(detector.push('Enter', t - gapMs + enterGapMs));
  return out;
}

describe('keyboard-wedge scan detector', () => {
  it('reports a fast burst ending in Enter as one scanned code, only on the Enter', () => {
    const detector = createWedgeScanDetector();
    const out = type(detector, '440000E1234567890', 5);
    expect(out.slice(0, -1).every((x) => x === null)).toBe(true);
    expect(out.at(-1)).toBe('440000E1234567890');
  });

  it('ignores the same characters typed by hand', () => {
    expect(type(createWedgeScanDetector(), '440000E1234567890', 180).at(-1)).toBeNull();
  });

  it('ignores a fast burst shorter than the minimum length', () => {
    expect(type(createWedgeScanDetector({ minLength: 8 }), '1234567', 5).at(-1)).toBeNull();
    expect(type(createWedgeScanDetector({ minLength: 8 }), '12345678', 5).at(-1)).toBe('12345678');
  });

  it('ignores an Enter pressed by hand after a burst', () => {
    expect(type(createWedgeScanDetector(), '440000E1234567890', 5, 1000, 400).at(-1)).toBeNull();
  });

  it('keeps only the fast tail when a slow keystroke precedes the scan', () => {
    const detector = createWedgeScanDetector();
    expect(detector.push('x', 0)).toBeNull();
    expect(type(detector, 'QRCODE123456', 4, 900).at(-1)).toBe('QRCODE123456');
  });

  it('lets modifier keys pass inside a burst without breaking it', () => {
    const detector = createWedgeScanDetector();
    let t = 0;
    for (const key of ['A', 'Shift', 'B', 'c', 'Shift', 'D', '1', '2', '3', '4']) detector.push(key, (t += 3));
    expect(detector.inBurst).toBe(true);
    expect(detector.push('Enter', t + 3)).toBe('ABcD1234');
    expect(detector.inBurst).toBe(false);
  });

  it('starts afresh after reset', () => {
    const detector = createWedgeScanDetector();
    for (const [i, ch] of [...'ABCDEFGH'].entries()) detector.push(ch, i * 3);
    detector.reset();
    expect(detector.push('Enter', 30)).toBeNull();
  });
});
