import { ledgerStamp, type Clock } from '../../shared/time';
import type { Engine } from './engine/types';
import { LedgerError } from './result';

/**
 * Registers this machine as the holder of `terminalId`, or refuses when another machine holds it:
 * on a shared ledger two windows with one id would mix their settlement-id sequences. A one-PC
 * SQLite ledger moved to a new PC simply passes to it (nobody else can be using the file).
 */
export async function claimTerminal(db: Engine, now: Clock, terminalId: string, machine: string): Promise<void> {
  await db.transaction(async (tx) => {
    const at = ledgerStamp(now());
    const holder = await tx.value<string>(`SELECT machine FROM terminals WHERE id = ?${tx.dialect === 'postgres' ? ' FOR UPDATE' : ''}`, [terminalId]);
    if (holder === undefined) {
      await tx.run('INSERT INTO terminals (id, machine, registered_at, last_seen_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING', [terminalId, machine, at, at]);
      const winner = await tx.value<string>('SELECT machine FROM terminals WHERE id = ?', [terminalId]);
      if (winner !== machine) throw inUse(terminalId, winner ?? '');
      return;
    }
    if (holder !== machine && tx.dialect === 'postgres') throw inUse(terminalId, holder);
    await tx.run('UPDATE terminals SET machine = ?, last_seen_at = ? WHERE id = ?', [machine, at, terminalId]);
  });
}

function inUse(terminalId: string, holder: string): LedgerError {
  return new LedgerError(
    'ledger-terminal-in-use',
    `终端编号 ${terminalId} 已被另一台电脑（${holder}）使用：同一医院的每个收费窗口须有自己的终端编号，请在站点配置中为本机另设终端编号`,
  );
}
