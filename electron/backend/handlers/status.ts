import { businessDate } from '../../../shared/time';
import { checkLedger, type Runtime } from '../runtime';
import { sessionView } from './auth';
import type { Handlers } from './types';

async function outboxStatus(runtime: Runtime) {
  const { pending, sent, acked, rejected } = await runtime.ledger.outboxCounts();
  return { pending, sent, acked, rejected };
}

/** The roster an offline answer about today rests on: the version in effect today, else the latest imported. */
export async function rosterAsOf(runtime: Runtime): Promise<string | null> {
  const { ledger } = runtime;
  return ((await ledger.rosterLookup.versionInEffect(businessDate(ledger.now()))) ?? (await ledger.rosterVersions(1))[0])?.rosterDate ?? null;
}

export const statusHandlers = {
  'outbox.status': (_input, { runtime }) => outboxStatus(runtime),
  'ledger.verify': async (_input, { runtime }) => checkLedger(runtime),
  'status.get': async (_input, { runtime, session }) => {
    const { settings, bureau } = runtime;
    const checked = bureau.lastCheck();
    // The hospital's server away: the status bar says so; everything else still answers.
    let ledgerError: string | null = null;
    const tolerant = async <T>(read: () => Promise<T>, fallback: T): Promise<T> => {
      try {
        return await read();
      } catch (error) {
        ledgerError = (error as Error).message;
        return fallback;
      }
    };
    const rosterDate = await tolerant(() => rosterAsOf(runtime), null);
    const outbox = await tolerant(() => outboxStatus(runtime), { pending: 0, sent: 0, acked: 0, rejected: 0 });
    return {
      session: session ? sessionView(session, runtime) : null,
      terminalId: settings.terminalId,
      region: settings.region,
      hospital: settings.hospital,
      reader: runtime.reader.view(),
      bureau: {
        mode: bureau.mode,
        online: checked?.online ?? false,
        url: bureau.url,
        checkedAt: checked?.at ?? null,
        reason: checked?.reason ?? null,
        // Offline, eligibility answers from this roster.
        rosterDate: checked?.online ? null : rosterDate,
      },
      roster: { region: settings.region, asOf: rosterDate },
      ledger: { shared: runtime.ledger.dialect === 'postgres', online: ledgerError === null, detail: ledgerError ?? runtime.ledger.description },
      outbox,
      shell: runtime.options.shell ?? 'test',
      ledgerCheck: { ok: runtime.ledgerCheck.ok, checkedAt: runtime.ledgerCheck.checkedAt, problems: runtime.ledgerCheck.problems.slice(0, 3) },
    };
  },
} satisfies Partial<Handlers>;
