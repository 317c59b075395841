import { FAULT_KINDS, type Fault, type FaultKind } from '../../electron/card';

/** `kind[:at[:times[:delayMs]]]`, e.g. `bad-checksum:3`, `silence:1:inf`, `late:2:1:2500`. */
export function parseFault(spec: string): Fault {
  const [kind, at, times, delayMs] = spec.split(':');
  if (!FAULT_KINDS.includes(kind as FaultKind)) throw new Error(`unknown fault ${kind}; one of ${FAULT_KINDS.join(', ')}`);
  const count = (text: string | undefined, name: string): number | undefined => {
    if (text === undefined || text === '') return undefined;
    if (text === 'inf') return Number.POSITIVE_INFINITY;
    const n = Number(text);
    if (!Number.isInteger(n) || n < 0) throw new Error(`fault ${name} must be a whole number: ${text}`);
    return n;
  };
  return { kind: kind as FaultKind, at: count(at, 'at'), times: count(times, 'times'), delayMs: count(delayMs, 'delayMs') };
}
