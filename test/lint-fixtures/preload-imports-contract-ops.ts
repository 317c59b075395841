// lint-as: electron/preload/lint-fixture.ts
// expect: nothing (the sandboxed preload reads the contract's data-only op list)
import { isOpName } from '../../shared/contract/ops';

export const check = isOpName;
