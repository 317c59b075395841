// lint-as: tools/lint-fixture.ts
// expect: no-restricted-imports tools/ 不引用 test/
import { fakeElectronDist } from '../test/support/fake-electron';

export const dist = fakeElectronDist;
