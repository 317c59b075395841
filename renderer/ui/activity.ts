import { useEffect } from 'react';
import { call } from '../api';

const REPORT_EVERY_MS = 60_000;

/**
 * Tells the backend, at most once a minute, that someone is using the window (keys, mouse): the
 * backend locks a session idle for the terminal's idle-lock time, and only it decides.
 */
export function useActivityReports(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    let lastReport = 0;
    const onActivity = () => {
      const now = Date.now();
      if (now - lastReport < REPORT_EVERY_MS) return;
      lastReport = now;
      void call('auth.activity', {});
    };
    const events = ['keydown', 'mousedown', 'wheel', 'touchstart'] as const;
    for (const e of events) window.addEventListener(e, onActivity, { passive: true });
    return () => {
      for (const e of events) window.removeEventListener(e, onActivity);
    };
  }, [active]);
}
