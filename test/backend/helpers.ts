import { afterAll, beforeAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { createBackend, type Backend, type BackendOptions } from '../../electron/backend';
import type { BureauSiteConfigInput } from '../../electron/bureau/site-config';
import { siteConfigSchema, type LoadedSite } from '../../electron/site';

export interface TestBackend {
  backend: Backend;
  dir: string;
  /** Calls an op and returns its value, failing the test with the error otherwise. */
  call<T = any>(op: string, input?: unknown): Promise<T>;
  stop(): Promise<void>;
}

export async function startTestBackend(options: Partial<BackendOptions> = {}): Promise<TestBackend> {
  const dir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'onebill-backend-'));
  const backend = await createBackend({
    userDataDir: dir,
    shell: 'test',
    bureauTimeoutMs: 5000,
    readerSimulator: { pace: false },
    practiceRepeatBills: true,
    ...options,
  });
  const t: TestBackend = {
    backend,
    dir,
    // Through `this`: restartWithSite swaps the backend under the same object.
    async call(op, input = {}) {
      const result = await this.backend.handle(op, input);
      if (!result.ok) throw new Error(`${op} failed: ${result.error.code} ${result.error.message}`);
      return result.value as any;
    },
    async stop() {
      await this.backend.close();
      rmSync(this.dir, { recursive: true, force: true });
    },
  };
  return t;
}

/** A site file for the Guiyang demo hospital with the given bureau section (as loadSiteConfig answers it). */
export function siteWithBureau(bureau: BureauSiteConfigInput, source = '/etc/onebill/site.yaml'): LoadedSite {
  const config = siteConfigSchema.parse({ hospital: { code: 'H52010200001', name: '贵阳市南明区人民医院', level: 3 }, region: 'CN-GZ', bureau, terminalId: 'T01' });
  return { config, source, terminalId: 'T01' };
}

/**
 * A demo-mode site file settling in real time with the centre (the built-in simulator, dispatcher
 * path): the Guiyang demo hospital unless another hospital and region are given.
 */
export function realtimeDemoSite(options: {
  source: string;
  terminalId: string;
  timeoutMs: number;
  hospital?: { code: string; name: string; level: 1 | 2 | 3 };
  region?: string;
}) {
  return {
    source: options.source,
    terminalId: options.terminalId,
    config: {
      hospital: options.hospital ?? { code: 'H52010200001', name: '贵阳市南明区人民医院（演示）', level: 3 as const },
      region: options.region ?? 'CN-GZ',
      bureau: {
        mode: 'demo' as const,
        settlement: 'realtime' as const,
        paths: 'dispatcher' as const,
        envelope: { infver: 'V1.0', dev_no: '', dev_safe_info: '', mac: '', ip: '', recer_sys_code: 'YBXT', signtype: '', cainfo: '', opter_type: '1' as const },
        timeoutMs: options.timeoutMs,
      },
    },
  };
}

/** A live bureau section no one answers (the terminal is offline). */
export const UNREACHABLE_BUREAU: BureauSiteConfigInput = {
  mode: 'live',
  url: 'http://127.0.0.1:9/fsi/api/rsfComIfsService/callService',
  envelope: { mdtrtarea_admvs: '520102' },
  nightlyOperator: { code: 'N0001', name: '夜间上传' },
};

/**
 * The same data folder started again with a site file (its bureau section in force): what hospital
 * IT does when it deploys the site file to a window that ran in demo mode.
 */
export async function restartWithSite(t: TestBackend, site: LoadedSite, options: Partial<BackendOptions> = {}): Promise<TestBackend> {
  await t.backend.close();
  t.backend = (await startTestBackend({ ...options, userDataDir: t.dir, site })).backend;
  return t;
}

/** Logs in a demo account and changes its first-login password. */
export async function loginDemo(t: TestBackend, username: 'cashier' | 'supervisor', newPassword = `${username}-pass-2026`): Promise<string> {
  await t.call('auth.login', { username, password: '123456' });
  await t.call('auth.changePassword', { oldPassword: '123456', newPassword });
  return newPassword;
}

/**
 * A supervisor's own account (not a demo one), added by the logged-in supervisor: needed before the
 * site goes live (a live bureau section disables the demo accounts).
 */
export async function addRealSupervisor(t: TestBackend, id = 'zhang.wei'): Promise<void> {
  await t.call('operators.add', { id, name: '张伟', role: 'supervisor', password: 'Temp-2026a' });
}

/** A fresh HIS bill number, as a hospital's HIS gives each discharge. */
export const hisBillNo = () => `ZY${randomUUID().slice(0, 12)}`;

/** A settlement.preview / settlement.commit request for an imported bill, with the person context eligibility kept. */
export function billRequest<L>(
  person: { certificate: string | null; eligibilityId: string },
  bill: { lines: L; billId: string },
  date = '2020-09-12',
  visit = 'inpatient',
) {
  return {
    attemptId: randomUUID(),
    certificate: person.certificate,
    eligibilityId: person.eligibilityId,
    visit,
    date,
    lines: bill.lines,
    billId: bill.billId,
  };
}

/** Who is at the window: a demo card in the simulated reader, or an ID number typed in. */
export type Patient = { card: string } | { certno: string; name: string };

/**
 * A patient's bill loaded as the window does it: the card read (or the ID typed), eligibility for
 * the bill's visit and date, the bill imported (a demo bill, or a HIS file's JSON); with the
 * settlement.preview / commit request for it under a fresh HIS bill number.
 */
export async function patientBill(t: TestBackend, patient: Patient, source: { demo: string } | { json: object }) {
  if ('card' in patient) await t.call('card.simulatorInsert', { card: patient.card });
  const identity = 'card' in patient ? await t.call('card.read', {}) : await t.call('card.fromTypedId', patient);
  const bill = await t.call('bill.import', 'demo' in source ? source : { format: 'json', content: JSON.stringify(source.json), fileName: 'his.json' });
  const person = await t.call('eligibility.resolve', { identity, date: bill.date, visit: bill.visit });
  return { person, bill, request: { ...billRequest(person, bill, bill.date, bill.visit), hisBillNo: hisBillNo() } };
}

/** Commits 陈秀兰's demo inpatient bill through the ops the window uses; answers the settlement id. */
export async function commitDemoSettlement(t: TestBackend): Promise<string> {
  await t.call('card.simulatorInsert', { card: 'chen-xiulan' });
  const card = await t.call('card.read', {});
  const person = await t.call('eligibility.resolve', { identity: card, date: '2020-09-12', visit: 'inpatient' });
  const bill = await t.call('bill.import', { demo: 'jm-inpatient-chen-xiulan' });
  // Each call is a bill of its own (its own HIS number): the same bill is never settled twice.
  const committed = await t.call('settlement.commit', {
    attemptId: randomUUID(),
    hisBillNo: hisBillNo(),
    visit: 'inpatient',
    date: '2020-09-12',
    lines: bill.lines,
    eligibilityId: person.eligibilityId,
  });
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
