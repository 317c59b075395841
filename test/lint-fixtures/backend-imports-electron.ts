// lint-as: electron/ledger/lint-fixture.ts
// expect: no-restricted-imports 只有 electron/main 与 preload 引用 electron
import { app } from 'electron';

export const name = app.name;
