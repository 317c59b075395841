// lint-as: renderer/lint-fixture.ts
// expect: boundaries/dependencies 界面只通过 shared/contract 与后台通信
import { openLedger } from '../electron/ledger';

export const open = openLedger;
