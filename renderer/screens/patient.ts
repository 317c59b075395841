import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError, OpOutput } from '../../shared/contract';
import { checkCitizenId } from '../../shared/card';
import type { Visit } from '../../shared/engine';
import { call } from '../api';

export type CardIdentity = OpOutput<'card.read'>;
export type PersonContext = OpOutput<'eligibility.resolve'>;

export interface PatientState {
  identity: CardIdentity | null;
  person: PersonContext | null;
  /** What is running now, for the progress text: 读卡, 查询参保信息… */
  busy: string | null;
  /** Where the last failure belongs: the reader, the typed ID, the scan, or the eligibility query. */
  error: { at: 'card' | 'typed' | 'scan' | 'eligibility'; error: ApiError } | null;
  readCard: () => Promise<void>;
  /** `name` as the patient states it: used when no card or bureau record names them. */
  fromTypedId: (certno: string, name?: string) => Promise<boolean>;
  fromScan: (code: string) => Promise<void>;
  /** Seconds the eligibility query has been running (null when none is). */
  waitingSeconds: number | null;
  /** After a few seconds of a slow bureau: ask again from the local roster only (改用离线名单). */
  useOfflineRoster: (() => void) | null;
  clear: () => void;
}

/** How long the cashier waits for the bureau before 改用离线名单 is offered. */
export const OFFER_OFFLINE_AFTER_SECONDS = 3;

/**
 * Identifies the patient (card, typed ID, scanned e-voucher) and resolves their eligibility for
 * the settlement date and visit; re-resolves when the date or visit changes (a loaded bill sets them).
 */
export function usePatient(date: string, visit: Visit): PatientState {
  const [identity, setIdentity] = useState<CardIdentity | null>(null);
  // The context with what it was resolved for: one resolved for another date or visit is never shown.
  const [resolved, setResolved] = useState<{ key: string; person: PersonContext } | null>(null);
  const key = JSON.stringify([identity, date, visit]);
  const person = resolved && resolved.key === key ? resolved.person : null;
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<PatientState['error']>(null);
  const generation = useRef(0);
  const [waitingSince, setWaitingSince] = useState<number | null>(null);
  const [now, setNow] = useState(Date.now());
  const [offline, setOffline] = useState<{ key: string } | null>(null);
  useEffect(() => {
    if (waitingSince === null) return;
    const tick = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(tick);
  }, [waitingSince]);

  const identifyWith = useCallback(async (at: 'card' | 'typed' | 'scan', label: string, get: () => ReturnType<typeof call<'card.read'>>) => {
    generation.current += 1;
    setBusy(label);
    setError(null);
    const result = await get();
    setBusy(null);
    if (!result.ok) {
      setError({ at, error: result.error });
      return false;
    }
    setResolved(null);
    setIdentity(result.value);
    return true;
  }, []);

  useEffect(() => {
    if (!identity) return;
    const mine = ++generation.current;
    const fromRoster = offline?.key === key;
    setBusy(fromRoster ? '正在按本地花名册核验…' : '正在查询参保和身份信息…');
    setWaitingSince(fromRoster ? null : Date.now());
    setNow(Date.now());
    void call('eligibility.resolve', { identity, date, visit, ...(fromRoster ? { offline: true } : {}) }).then((result) => {
      if (mine !== generation.current) return;
      setBusy(null);
      setWaitingSince(null);
      if (result.ok) {
        setResolved({ key, person: result.value });
        setError(null);
      } else {
        setResolved(null);
        setError({ at: 'eligibility', error: result.error });
      }
    });
  }, [identity, date, visit, key, offline]);

  const waitingSeconds = waitingSince === null ? null : Math.max(0, Math.floor((now - waitingSince) / 1000));

  return {
    identity,
    person,
    busy: busy && waitingSeconds !== null ? `${busy}已等待 ${waitingSeconds} 秒` : busy,
    error,
    waitingSeconds,
    useOfflineRoster:
      (waitingSeconds !== null && waitingSeconds >= OFFER_OFFLINE_AFTER_SECONDS) || error?.error.code === 'bureau-slow' ? () => setOffline({ key }) : null,
    readCard: async () => {
      await identifyWith('card', '正在读卡，请稍候…', () => call('card.read', {}));
    },
    fromTypedId: (certno, name) => {
      const checked = checkCitizenId(certno);
      if (!checked.ok) {
        setError({ at: 'typed', error: { code: checked.error.code, message: checked.error.message } });
        return Promise.resolve(false);
      }
      return identifyWith('typed', '正在核验身份证号…', () => call('card.fromTypedId', { certno: checked.value, ...(name?.trim() ? { name: name.trim() } : {}) }));
    },
    fromScan: async (code) => {
      const asId = checkCitizenId(code);
      if (asId.ok) await identifyWith('scan', '正在核验身份证号…', () => call('card.fromTypedId', { certno: asId.value }));
      else await identifyWith('scan', '正在识别医保电子凭证…', () => call('card.fromEVoucher', { code }));
    },
    clear: () => {
      generation.current += 1;
      setWaitingSince(null);
      setOffline(null);
      setIdentity(null);
      setResolved(null);
      setError(null);
      setBusy(null);
    },
  };
}
