import { cardError, err, ok, type CardIdentity, type CardResult } from '../../../shared/card';
import { commandTimeoutMs, exchangeFrame, retryOnce, type Attempt } from '../command';
import type { CardDriver, CardPresence, DriverContext } from '../driver';
import { identityFromBaseInfo } from './base-info';
import { encodeIdCardRequest, idCardBody } from './frame';

/**
 * Resident ID card reader (spec §3): find card `20 01` (SW3 9F = found), select `20 02`,
 * read base info `30 01`. Reading chosen: once the card was found, SW3 80/81 (no card / select
 * failed) mean it left the reader (card-removed); SW3 10/11 (the SAM got a corrupted command)
 * are retried like a lost answer.
 */
const SW3 = { OK: 0x90, FOUND: 0x9f, NO_CARD: 0x80, SELECT_FAILED: 0x81, BAD_CHECKSUM: 0x10, BAD_LENGTH: 0x11 } as const;
const BASE_INFO_MAX = 4 + 256 + 1024 + 16;
/** Lengths plus the 110 characters of text fields. */
const BASE_INFO_MIN = 4 + 220;

interface SamAnswer {
  sw3: number;
  data: Buffer;
}

const swText = (a: SamAnswer): string => `SW3=${a.sw3.toString(16).toUpperCase().padStart(2, '0')}`;

function answerOf(frame: Buffer): SamAnswer | null {
  const body = idCardBody(frame);
  return body.length >= 3 ? { sw3: body[2]!, data: body.subarray(3) } : null;
}

export class IdCardDriver implements CardDriver {
  constructor(private readonly ctx: DriverContext) {}

  async probe(): Promise<CardResult<CardPresence>> {
    const found = await this.command(0x20, 0x01, 8, (a) => a.sw3 !== SW3.OK);
    if (!found.ok) return found;
    return ok(found.value.sw3 === SW3.FOUND ? 'card' : 'no-card');
  }

  async readCard(): Promise<CardResult<CardIdentity>> {
    const found = await this.command(0x20, 0x01, 8, (a) => a.sw3 !== SW3.OK);
    if (!found.ok) return found;
    if (found.value.sw3 === SW3.NO_CARD) return err(cardError('no-card'));
    if (found.value.sw3 !== SW3.FOUND) return err(cardError('idcard-read-failed', swText(found.value)));

    const selected = await this.command(0x20, 0x02, 16, (a) => a.sw3 !== SW3.FOUND && (a.sw3 !== SW3.OK || a.data.length < 16));
    if (!selected.ok) return selected;
    if (selected.value.sw3 !== SW3.OK) return err(this.afterFound(selected.value));

    const read = await this.command(0x30, 0x01, BASE_INFO_MAX, (a) => a.sw3 !== SW3.FOUND && (a.sw3 !== SW3.OK || a.data.length >= BASE_INFO_MIN));
    if (!read.ok) return read;
    if (read.value.sw3 !== SW3.OK) return err(this.afterFound(read.value));
    return identityFromBaseInfo(read.value.data, this.ctx.today());
  }

  private afterFound(answer: SamAnswer) {
    return answer.sw3 === SW3.NO_CARD || answer.sw3 === SW3.SELECT_FAILED ? cardError('card-removed', swText(answer)) : cardError('idcard-read-failed', swText(answer));
  }

  private command(cmd: number, para: number, maxData: number, expect: (a: SamAnswer) => boolean): Promise<CardResult<SamAnswer>> {
    const request = encodeIdCardRequest(cmd, para);
    const timeoutMs = commandTimeoutMs(this.ctx.commandTimeoutMs, this.ctx.baudRate, request.length, maxData + 11);
    const accept = (frame: Buffer): boolean => {
      const answer = answerOf(frame);
      return answer !== null && expect(answer);
    };
    return retryOnce(true, () =>
      exchangeFrame(this.ctx.transport, request, { timeoutMs, accept }, (frame): Attempt<SamAnswer> => {
        const answer = answerOf(frame)!;
        if (answer.sw3 === SW3.BAD_CHECKSUM || answer.sw3 === SW3.BAD_LENGTH) {
          return { ok: false, error: cardError('reader-data-error', swText(answer)), retryable: true };
        }
        return { ok: true, value: answer };
      }),
    );
  }
}
