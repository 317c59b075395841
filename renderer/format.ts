import { stampWallTime } from '../shared/time';

/**
 * Any stamp the backend sends ("2026-11-27T08:27:01.873+08:00", or an older row's other offset)
 * → "2026-11-27 08:27:01", Beijing wall time (shared/time), so the screen, the receipt and the
 * ledger agree whatever zone the PC is set to.
 */
export const formatTime = stampWallTime;

/** 220102********0012: the middle of an ID number stays off the screen, for every length (shared/privacy). */
export { maskIdNumber as maskId } from '../shared/privacy';
