// lint-as: electron/backend/lint-fixture.ts
// expect: boundaries/dependencies 只能通过模块的 index.ts 引用另一个模块
import { BureauClient } from '../bureau/client';

export const client = BureauClient;
