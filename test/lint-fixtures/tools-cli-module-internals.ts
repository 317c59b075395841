// lint-as: tools/lint-fixture.ts
// expect: no-restricted-imports 只能通过模块的 index.ts 引用另一个模块
import { BureauClient } from '../electron/bureau/client';

export const client = BureauClient;
