// lint-as: shared/contract/lint-fixture.ts
// expect: boundaries/dependencies shared/ 不引用 electron/
import { openLedger } from '../../electron/ledger';

export const open = openLedger;
