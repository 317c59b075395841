// lint-as: electron/backend/lint-fixture.ts
// expect: boundaries/dependencies electron/ 不引用 tools/ 或 test/
import { sampleBill } from '../../tools/fixtures';

export const bill = sampleBill;
