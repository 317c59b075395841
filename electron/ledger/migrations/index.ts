import { initial } from './0001-initial';
import { dayClose } from './0002-day-close';
import { settlementAttempts } from './0003-settlement-attempts';
import { accounts } from './0004-accounts';
import { reviewOutcomes } from './0005-review-outcomes';
import { settlementSources } from './0006-settlement-sources';
import { terminals } from './0007-terminals';
import { hisBillNo } from './0008-his-bill-no';
import { catalogue } from './0009-catalogue';
import { outboxClaims } from './0010-outbox-claims';
import { realtimeSettlements } from './0011-realtime-settlements';
import { ytdMarkIndex } from './0012-ytd-mark-index';
import { insuredArea } from './0013-insured-area';
import { catastrophicBase } from './0014-catastrophic-base';
import { realtimeCancellations } from './0015-realtime-cancellations';
import { stagedImports } from './0016-staged-imports';
import type { Migration } from './types';

export type { Migration } from './types';

/** Every migration this build knows, in order. Statically listed so bundling needs no file reads. */
export const MIGRATIONS: readonly Migration[] = [
  initial,
  dayClose,
  settlementAttempts,
  accounts,
  reviewOutcomes,
  settlementSources,
  terminals,
  hisBillNo,
  catalogue,
  outboxClaims,
  realtimeSettlements,
  ytdMarkIndex,
  insuredArea,
  catastrophicBase,
  realtimeCancellations,
  stagedImports,
];
