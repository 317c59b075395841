// lint-as: electron/main/lint-fixture.ts
// expect: nothing (the Electron shell may import electron)
import { app } from 'electron';

export const name = app.name;
