// lint-as: electron/main/lint-fixture.ts
// expect: boundaries/dependencies electron/ 不引用 tools/ 或 test/
import { fakeElectronDist } from '../../test/support/fake-electron';

export const dist = fakeElectronDist;
