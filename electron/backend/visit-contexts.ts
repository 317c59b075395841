/**
 * The person contexts eligibility.resolve produced, kept in the backend per visit so that preview
 * and commit settle with what was verified rather than with what the window sends back.
 * An entry is bound to the date it was resolved for, expires after `ttlMs`, and is dropped when
 * the same person settles or is reversed (their year-to-date changed) and at logout.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { personContextSchema } from '../../shared/contract';

export type PersonContextView = z.output<typeof personContextSchema>;

export interface KeptContext {
  id: string;
  date: string;
  visit: string;
  person: PersonContextView;
  /** The session it was resolved in (operator + login time): another session cannot use it. */
  sessionKey: string;
  keptAt: number;
  /** The ledger's mark for the person taken before their year-to-date was read (stale-preview check). */
  ytdMark?: number;
}

export function createVisitContexts(options: { max?: number; ttlMs?: number; now?: () => number } = {}) {
  const max = options.max ?? 200;
  const ttlMs = options.ttlMs ?? 12 * 60 * 60 * 1000;
  const now = options.now ?? Date.now;
  const kept = new Map<string, KeptContext>();

  return {
    keep(person: PersonContextView, date: string, visit: string, sessionKey: string, ytdMark?: number): string {
      const id = randomUUID();
      kept.set(id, { id, date, visit, person: structuredClone(person), sessionKey, keptAt: now(), ...(ytdMark === undefined ? {} : { ytdMark }) });
      // Oldest first out: Map keeps insertion order.
      for (const oldest of kept.keys()) {
        if (kept.size <= max) break;
        kept.delete(oldest);
      }
      return id;
    },
    get(id: string): KeptContext | undefined {
      const entry = kept.get(id);
      if (entry && now() - entry.keptAt > ttlMs) {
        kept.delete(id);
        return undefined;
      }
      return entry;
    },
    /** The person's year-to-date changed (commit, reversal): every context of theirs is stale. */
    forgetPerson(certno: string): void {
      for (const [id, entry] of kept) if (entry.person.certno === certno) kept.delete(id);
    },
    clear: (): void => kept.clear(),
    size: (): number => kept.size,
  };
}

export type VisitContexts = ReturnType<typeof createVisitContexts>;
