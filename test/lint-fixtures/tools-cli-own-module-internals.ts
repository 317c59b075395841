// lint-as: tools/lint-fixture.ts
// expect: no-restricted-imports 只能通过模块的 index.ts 引用另一个模块
import { FAULT_KINDS } from './bureau-sim/faults';

export const kinds = FAULT_KINDS;
