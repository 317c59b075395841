import { createContext, useContext } from 'react';
import type { OpOutput } from '../shared/contract';

export type Status = OpOutput<'status.get'>;
export type Session = NonNullable<Status['session']>;

export interface AppState {
  session: Session;
  status: Status | null;
  /** Re-reads the header's status (after a settlement, an import, a settings change). */
  refreshStatus: () => void;
}

export const AppContext = createContext<AppState | null>(null);

export function useApp(): AppState {
  const state = useContext(AppContext);
  if (!state) throw new Error('useApp outside <AppContext>');
  return state;
}
