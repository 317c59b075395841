import type { Migration } from './types';

/**
 * The person's 参保地医保区划 as the bureau answered at eligibility (1101 insuinfo.insuplc_admdvs),
 * kept with the settlement's source so its 4101 list names where the person is insured rather
 * than the policy region's code (national-platform.md §2, §15). Null for offline settlements and
 * for settlements stored before this migration.
 */
export const insuredArea: Migration = {
  id: 13,
  name: 'insured-area',
  sql: `ALTER TABLE settlement_sources ADD COLUMN insuplc_admdvs TEXT;`,
  postgres: `ALTER TABLE settlement_sources ADD COLUMN insuplc_admdvs TEXT;`,
};
