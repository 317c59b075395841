// lint-as: shared/policy/lint-fixture.ts
// expect: boundaries/dependencies shared/policy 不引用 shared/engine
import { VISITS } from '../engine';

export const visits = VISITS;
