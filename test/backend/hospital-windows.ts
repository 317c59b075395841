// Windows (terminals) of one hospital on one PostgreSQL ledger: each a backend of its own, started
// from the same site file but for its terminal id, as hospital IT deploys them.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { loadSiteConfig } from '../../electron/site';
import type { BackendOptions } from '../../electron/backend';
import { hisBillNo, startTestBackend, type TestBackend } from './helpers';

export const CHEN_DATE = '2020-09-12';

/** A backend for `terminalId` on the PostgreSQL schema (a ledger of its own on the test server). */
export async function hospitalWindow(ledger: { url: string; schema: string }, terminalId: string, options: Partial<BackendOptions> = {}): Promise<TestBackend> {
  const probe = await startTestBackend();
  await probe.stop();
  const site = join(probe.dir, '..', `onebill-site-${terminalId}-${randomUUID()}.yaml`);
  const url = `${ledger.url}?options=${encodeURIComponent(`-c search_path=${ledger.schema}`)}`;
  writeFileSync(
    site,
    `hospital: { code: H44070300001, name: 江门市蓬江区人民医院（演示）, level: 3 }\nregion: CN-GD-JM\nledger: { url: '${url}' }\nbureau: { mode: demo }\nterminalId: ${terminalId}\n`,
  );
  return startTestBackend({ site: loadSiteConfig(site), ...options });
}

/** The cashier logs in; the first window changes the demo password, the others use the changed one (operators are the hospital's). */
export async function loginCashier(t: TestBackend, first: boolean): Promise<void> {
  if (first) {
    await t.call('auth.login', { username: 'cashier', password: '123456' });
    await t.call('auth.changePassword', { oldPassword: '123456', newPassword: 'cashier-pass-2026' });
  } else {
    await t.call('auth.login', { username: 'cashier', password: 'cashier-pass-2026' });
  }
}

/** 陈秀兰's demo inpatient bill, read from the card and pre-settled: the request F9 would send. */
export async function previewChen(t: TestBackend) {
  await t.call('card.simulatorInsert', { card: 'chen-xiulan' });
  const card = await t.call('card.read', {});
  const person = await t.call('eligibility.resolve', { identity: card, date: CHEN_DATE, visit: 'inpatient' });
  const bill = await t.call('bill.import', { demo: 'jm-inpatient-chen-xiulan' });
  const request = {
    attemptId: randomUUID(),
    hisBillNo: hisBillNo(),
    certificate: person.certificate,
    visit: 'inpatient',
    date: CHEN_DATE,
    lines: bill.lines,
    eligibilityId: person.eligibilityId,
  };
  const preview = await t.call('settlement.preview', request);
  return { person, request, preview };
}
