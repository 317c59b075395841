/**
 * POST /admin/realtime: the catalogue entries and the fault switch of the real-time transactions
 * (`{ catalogue?: [{code, class, selfPayRatio?, priceCap?}], plantFen?: n, lineClass?: {code, class, selfPayRatio?, count} | null }`).
 * GET /admin/realtime: what the centre holds (visits, active settlements, reversed msgids).
 */
import { z } from 'zod';
import type { SimDb } from '../db';
import { setCatalogueEntries } from './catalogue';
import { lineClassFaultSchema, setLineClassFault, setPlantedFen } from './faults';
import { realtimeTables } from './tables';

const adminSchema = z
  .object({
    catalogue: z
      .array(
        z.object({
          code: z.string().min(1),
          name: z.string().optional(),
          class: z.enum(['A', 'B', 'C']),
          selfPayRatio: z.string().optional(),
          priceCap: z.string().optional(),
        }),
      )
      .optional(),
    plantFen: z.number().int().min(0).optional(),
    lineClass: lineClassFaultSchema.nullable().optional(),
  })
  .strict();

export function realtimeAdmin(db: SimDb, method: string, body: unknown): { status: number; body: unknown } {
  const rt = realtimeTables(db);
  if (method === 'POST') {
    const parsed = adminSchema.safeParse(body);
    if (!parsed.success) return { status: 400, body: { error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') } };
    if (parsed.data.catalogue) setCatalogueEntries(rt, parsed.data.catalogue);
    if (parsed.data.plantFen !== undefined) setPlantedFen(rt, parsed.data.plantFen);
    if (parsed.data.lineClass !== undefined) setLineClassFault(rt, parsed.data.lineClass);
  } else if (method !== 'GET') return { status: 405, body: { error: 'GET or POST' } };
  const count = (sql: string) => (rt.prepare(sql).get() as { n: number }).n;
  return {
    status: 200,
    body: {
      visits: count('SELECT COUNT(*) AS n FROM rt_visit'),
      settlements: count(
        "SELECT COUNT(*) AS n FROM settlement s WHERE fingerprint = 'realtime' AND refd_setl_flag = '0' AND NOT EXISTS (SELECT 1 FROM settlement r WHERE r.init_setl_id = s.setl_id)",
      ),
      cancellations: count("SELECT COUNT(*) AS n FROM settlement WHERE fingerprint = 'realtime' AND refd_setl_flag = '1'"),
      reversedMessages: count('SELECT COUNT(*) AS n FROM rt_reversed'),
      faults: rt.prepare('SELECT name, value FROM rt_fault').all(),
    },
  };
}
