// lint-as: electron/main/lint-fixture.ts
// expect: boundaries/dependencies 只能通过模块的 index.ts 引用另一个模块
import { isOpName } from '../../shared/contract/ops';

export const check = isOpName;
