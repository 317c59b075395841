/**
 * The real-time fault switch (beside ../faults.ts, whose `afterProcessing` + `drop` or latency
 * gives "a timeout after committing"): a planted one-fen difference (the next N visits settled get
 * 0.01 more basic fund than the centre's own computation, on 2206/2303 and 2207/2304 alike), and a
 * changed line class (the next N lines of a code answered and settled in another class).
 */
import { z } from 'zod';
import type { SimDb } from '../db';
import { realtimeTables } from './tables';

export const lineClassFaultSchema = z.object({
  code: z.string().min(1),
  class: z.enum(['A', 'B', 'C']),
  selfPayRatio: z.string().optional(),
  count: z.number().int().min(0).default(1),
});
export type LineClassFault = z.output<typeof lineClassFaultSchema>;

function read(db: SimDb, name: string): string | null {
  return (realtimeTables(db).prepare('SELECT value FROM rt_fault WHERE name = ?').get(name) as { value: string } | undefined)?.value ?? null;
}

function write(db: SimDb, name: string, value: string | null): void {
  if (value === null) realtimeTables(db).prepare('DELETE FROM rt_fault WHERE name = ?').run(name);
  else realtimeTables(db).prepare('INSERT OR REPLACE INTO rt_fault VALUES (?, ?)').run(name, value);
}

export function setPlantedFen(db: SimDb, visits: number): void {
  write(db, 'planted-fen', visits > 0 ? String(visits) : null);
}

/** Whether the visit carries the planted fen: taken once per visit, then kept for it. */
export function plantedFen(db: SimDb, mdtrtId: string, already: boolean): boolean {
  if (already) return true;
  const left = Number(read(db, 'planted-fen') ?? '0');
  if (left <= 0) return false;
  setPlantedFen(db, left - 1);
  db.prepare('UPDATE rt_visit SET planted_fen = 1 WHERE mdtrt_id = ?').run(mdtrtId);
  return true;
}

export function setLineClassFault(db: SimDb, fault: LineClassFault | null): void {
  write(db, 'line-class', fault && fault.count > 0 ? JSON.stringify(fault) : null);
}

/** The changed class for a line of `code`, if the switch is set for it (one use per line). */
export function changedClass(db: SimDb, code: string): LineClassFault | null {
  const raw = read(db, 'line-class');
  if (!raw) return null;
  const fault = lineClassFaultSchema.parse(JSON.parse(raw));
  if (fault.code !== code) return null;
  setLineClassFault(db, { ...fault, count: fault.count - 1 });
  return fault;
}
