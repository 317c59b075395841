import { useEffect, useRef } from 'react';
import { createWedgeScanDetector } from '../../shared/card';

type Handler = () => void;
interface Layer {
  keys: Record<string, Handler | undefined>;
}

/** The hotkey layers of the mounted screens, innermost last: a key goes to the last layer that has it. */
const layers: Layer[] = [];

function onKeyDown(event: KeyboardEvent): void {
  const key = `${event.altKey ? 'Alt+' : ''}${event.ctrlKey ? 'Ctrl+' : ''}${event.key}`;
  for (let i = layers.length - 1; i >= 0; i--) {
    const handler = layers[i]!.keys[key];
    if (handler) {
      event.preventDefault();
      event.stopPropagation();
      handler();
      return;
    }
  }
  // Function keys never reach the browser (F5 reload, F12 tools, F10 menu, F3 find…).
  if (/^F\d{1,2}$/.test(event.key)) event.preventDefault();
}

let installed = false;
function install(): void {
  if (installed) return;
  installed = true;
  window.addEventListener('keydown', onKeyDown);
}

/**
 * Binds keys ("F2", "Alt+1") while the component is mounted. A key bound to `undefined`
 * (an action that is not available now) is swallowed by nobody and falls to outer layers.
 */
export function useHotkeys(keys: Record<string, Handler | undefined>): void {
  const layer = useRef<Layer>({ keys });
  layer.current.keys = keys;
  useEffect(() => {
    install();
    const current = layer.current;
    layers.push(current);
    return () => {
      layers.splice(layers.indexOf(current), 1);
    };
  }, []);
}

/**
 * Calls `onScan(code)` when a keyboard-wedge scanner types a code and Enter. Listens in the capture
 * phase so the scan's Enter never submits the field that happened to have focus; the characters the
 * scanner typed into that field are handed to `onScan`'s caller to strip (see `stripScanned`).
 */
export function useWedgeScan(onScan: (code: string) => void, minLength = 8): void {
  const handler = useRef(onScan);
  handler.current = onScan;
  useEffect(() => {
    const detector = createWedgeScanDetector({ minLength });
    const listener = (event: KeyboardEvent) => {
      // A field that takes scans itself (drug code, ID number) gets the keys and its own Enter.
      if (event.target instanceof Element && event.target.closest('[data-own-scan]')) return detector.reset();
      const code = detector.push(event.key, event.timeStamp);
      if (code === null) return;
      event.preventDefault();
      event.stopPropagation();
      const target = event.target;
      if (target instanceof HTMLInputElement && target.value.endsWith(code)) stripScanned(target, code);
      handler.current(code);
    };
    window.addEventListener('keydown', listener, true);
    return () => window.removeEventListener('keydown', listener, true);
  }, [minLength]);
}

/** Removes a scanned code from the input it was typed into, through React's value tracker. */
function stripScanned(input: HTMLInputElement, code: string): void {
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
  setter?.call(input, input.value.slice(0, -code.length));
  input.dispatchEvent(new Event('input', { bubbles: true }));
}
