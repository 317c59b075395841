import { BackendError } from '../errors';
import type { Handlers } from './types';

export const rosterHandlers = {
  'roster.import': () => {
    // TODO(roster-import): call electron/roster's streaming import once it is published.
    throw new BackendError('roster-error', '名单导入功能尚未就绪');
  },
  'roster.versions': (_input, { runtime }) =>
    runtime.ledger.rosterVersions(50).map((v) => ({
      id: String(v.id),
      region: v.region ?? '',
      asOf: v.rosterDate,
      importedAt: v.importedAt,
      rows: v.rowCount,
      source: v.sourceName,
    })),
} satisfies Partial<Handlers>;
