/**
 * What the simulator did with each request it received, in order (GET /admin/requests): received,
 * processed (the centre committed, or refused), then answered or lost to an injected fault. A test
 * waits on it — "the 2304 is processed and its answer held" — instead of sleeping.
 */
export type RequestStage = 'received' | 'processed' | 'answered' | 'lost';

export interface LoggedRequest {
  msgid: string;
  infno: string;
  /** The envelope's insuplc_admdvs (where the request says the person is insured). */
  insuplcAdmdvs: string;
  stage: RequestStage;
  /** Whether the transaction succeeded, once processed. */
  ok: boolean | null;
}

const MAX_ENTRIES = 2000;

export class RequestLog {
  private readonly entries: LoggedRequest[] = [];

  received(envelope: { msgid: string; infno: string; insuplc_admdvs?: string }): LoggedRequest {
    const entry: LoggedRequest = { msgid: envelope.msgid, infno: envelope.infno, insuplcAdmdvs: envelope.insuplc_admdvs ?? '', stage: 'received', ok: null };
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES) this.entries.shift();
    return entry;
  }

  list(): readonly LoggedRequest[] {
    return this.entries;
  }
}
