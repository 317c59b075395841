import type { AuditChain } from './audit';
import type { Clock } from '../../shared/time';
import type { Engine } from './engine/types';
import type { SettlementWriter } from './settlement-writer';

/** What the ledger's write paths share. */
export interface LedgerDeps {
  db: Engine;
  now: Clock;
  terminalId: string;
  writer: SettlementWriter;
  /** The audit chain every write is recorded in. */
  chain: AuditChain;
}
