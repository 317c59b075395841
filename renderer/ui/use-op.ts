import { useCallback, useRef, useState } from 'react';
import type { ApiError, OpInput, OpName, OpOutput } from '../../shared/contract';
import { call } from '../api';

/**
 * One contract operation with its busy flag and its last error, for a button.
 * A second click while the first call runs is ignored (no double settlement).
 */
export function useOp<K extends OpName>(op: K) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const running = useRef(false);
  const run = useCallback(
    async (input: OpInput<K>): Promise<OpOutput<K> | null> => {
      if (running.current) return null;
      running.current = true;
      setBusy(true);
      setError(null);
      try {
        const result = await call(op, input);
        if (result.ok) return result.value;
        setError(result.error);
        return null;
      } finally {
        running.current = false;
        setBusy(false);
      }
    },
    [op],
  );
  return { run, busy, error, setError };
}
