import { join } from 'node:path';
import { importCatalogue } from '../catalogue';
import type { Ledger } from '../ledger';

/** In effect before every demo bill's date, so the demo sales find their drugs. */
const DEMO_EFFECTIVE = '2019-01-01';

/**
 * Demo mode (the built-in bureau simulator) on a ledger without any catalogue: the demo drug
 * catalogue (resources/demo/catalogue-demo.csv: the demo bills' drugs, a Liaoning specific drug,
 * Jiangmen drugs) so the pharmacy counter works out of the box. A site's own import supersedes it.
 */
export async function ensureDemoCatalogue(ledger: Ledger, resourcesDir: string): Promise<void> {
  if ((await ledger.catalogue.versions(1)).length > 0) return;
  const outcome = await importCatalogue(ledger, join(resourcesDir, 'demo', 'catalogue-demo.csv'), { effectiveDate: DEMO_EFFECTIVE });
  if (!outcome.ok) throw new Error(`演示药品目录导入失败：${outcome.error.message}`);
}
