// lint-as: tools/bench/lint-fixture.ts
// expect: boundaries/dependencies tools/ 不引用 test/
import { fakeElectronDist } from '../../test/support/fake-electron';

export const dist = fakeElectronDist;
