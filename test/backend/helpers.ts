import { afterAll, beforeAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { createBackend, type Backend, type BackendOptions } from '../../electron/backend';

export interface TestBackend {
  backend: Backend;
  dir: string;
  /** Calls an op and returns its value, failing the test with the error otherwise. */
  call<T = any>(op: string, input?: unknown): Promise<T>;
  stop(): Promise<void>;
}

export async function startTestBackend(options: Partial<BackendOptions> = {}): Promise<TestBackend> {
  const dir = mkdtempSync(join(tmpdir(), 'onebill-backend-'));
  const backend = await createBackend({ userDataDir: dir, shell: 'test', bureauTimeoutMs: 5000, readerSimulator: { pace: false }, practiceRepeatBills: true, ...options });
  return {
    backend,
    dir,
    async call(op, input = {}) {
      const result = await backend.handle(op, input);
      if (!result.ok) throw new Error(`${op} failed: ${result.error.code} ${result.error.message}`);
      return result.value as any;
    },
    async stop() {
      await backend.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Logs in a demo account and changes its first-login password. */
export async function loginDemo(t: TestBackend, username: 'cashier' | 'supervisor', newPassword = `${username}-pass-2026`): Promise<string> {
  await t.call('auth.login', { username, password: '123456' });
  await t.call('auth.changePassword', { oldPassword: '123456', newPassword });
  return newPassword;
}

/**
 * A supervisor's own account (not a demo one), added by the logged-in supervisor: needed before a bureau
 * URL may be saved (leaving demo mode disables the demo accounts).
 */
export async function addRealSupervisor(t: TestBackend, id = 'zhang.wei'): Promise<void> {
  await t.call('operators.add', { id, name: '张伟', role: 'supervisor', password: 'Temp-2026a' });
}

/** Commits 陈秀兰's demo inpatient bill through the ops the window uses; answers the settlement id. */
/** A fresh HIS bill number, as a hospital's HIS gives each discharge. */
export const hisBillNo = () => `ZY${randomUUID().slice(0, 12)}`;

export async function commitDemoSettlement(t: TestBackend): Promise<string> {
  await t.call('card.simulatorInsert', { card: 'chen-xiulan' });
  const card = await t.call('card.read', {});
  const person = await t.call('eligibility.resolve', { identity: card, date: '2020-09-12', visit: 'inpatient' });
  const bill = await t.call('bill.import', { demo: 'jm-inpatient-chen-xiulan' });
  // Each call is a bill of its own (its own HIS number): the same bill is never settled twice.
  const committed = await t.call('settlement.commit', { attemptId: randomUUID(), hisBillNo: hisBillNo(), visit: 'inpatient', date: '2020-09-12', lines: bill.lines, eligibilityId: person.eligibilityId });
  return committed.id;
}

/**
 * One backend for the enclosing describe block, logged in as `role` (first-login password changed),
 * stopped after it. Read the returned getter inside tests.
 */
export function useTestBackend(role: 'cashier' | 'supervisor', options: Partial<BackendOptions> = {}): () => TestBackend {
  let t: TestBackend | undefined;
  beforeAll(async () => {
    t = await startTestBackend(options);
    await loginDemo(t, role);
  });
  afterAll(async () => {
    await t?.stop();
  });
  return () => t!;
}
