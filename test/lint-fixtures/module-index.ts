// lint-as: electron/backend/lint-fixture.ts
// expect: nothing (another module through its index.ts, and a file of this module)
import { BureauClient } from '../bureau';
import { BackendError } from './errors';

export const parts = [BureauClient, BackendError];
