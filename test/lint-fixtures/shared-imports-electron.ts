// lint-as: shared/engine/lint-fixture.ts
// expect: no-restricted-imports shared/ 不引用 Node、DOM、Electron
import { app } from 'electron';

export const name = app.name;
