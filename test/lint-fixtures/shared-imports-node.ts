// lint-as: shared/money/lint-fixture.ts
// expect: no-restricted-imports shared/ 不引用 Node、DOM、Electron
import { readFileSync } from 'node:fs';

export const read = readFileSync;
