// lint-as: tools/lint-fixture.ts
// expect: nothing (modules through their index.ts)
import { BureauClient } from '../electron/bureau';
import { FAULT_KINDS } from './bureau-sim';

export const parts = [BureauClient, FAULT_KINDS];
