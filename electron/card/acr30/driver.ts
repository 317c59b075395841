import { cardError, err, ok, type CardIdentity, type CardResult } from '../../../shared/card';
import { swHex, type ApduExchange } from '../apdu';
import { commandTimeoutMs, exchangeFrame, retryOnce, type Attempt } from '../command';
import type { CardDriver, CardPresence, DriverContext } from '../driver';
import { readSocialSecurityCard } from '../ssse';
import { encodeAcr30Command, parseAcr30Response, type Acr30Response } from './frame';

/**
 * ACR30-family reader (spec §1): GET_STATUS to poll, RESET to power the card and get its ATR,
 * EXCHANGE_APDU (T=0) for the SSSE application, POWER_OFF when done.
 *
 * Readings chosen:
 * - Card presence when polling comes from GET_STATUS byte 15 (C_STAT, non-zero = card), as in
 *   OpenCT's acr_card_status; a status of SW `62 xx` also means no card. A shorter status block
 *   says nothing about the card and is taken as "no card" (the cashier can still press 读卡).
 * - Reader status `60 xx` (it received a corrupted command) is retried once like a lost answer;
 *   `62 xx` after power-on means the card left the reader: no retry, the read is abandoned.
 */
const INS = { GET_STATUS: 0x01, RESET: 0x80, POWER_OFF: 0x81, EXCHANGE_APDU: 0xa0 } as const;
const STATUS_LENGTH = 16;
const MAX_ATR = 33;
const MAX_CARD_RESPONSE = 258;

const isNoCard = (r: Acr30Response): boolean => r.sw1 === 0x62;
/** An ATR starts with TS = 3B (direct) or 3F (inverse convention). */
const isAtr = (r: Acr30Response): boolean => r.data[0] === 0x3b || r.data[0] === 0x3f;
const swOf = (r: Acr30Response): string => `SW=${swHex((r.sw1 << 8) | r.sw2)}`;

export class Acr30Driver implements CardDriver {
  constructor(private readonly ctx: DriverContext) {}

  async probe(): Promise<CardResult<CardPresence>> {
    const status = await this.command(INS.GET_STATUS, Buffer.alloc(0), STATUS_LENGTH, (r) => r.data.length === STATUS_LENGTH);
    if (!status.ok) return status;
    if (isNoCard(status.value)) return ok('no-card');
    if (status.value.sw1 !== 0x90) return err(cardError('reader-error', swOf(status.value)));
    const cStat = status.value.data[STATUS_LENGTH - 1];
    return ok(cStat !== undefined && cStat !== 0 ? 'card' : 'no-card');
  }

  async readCard(): Promise<CardResult<CardIdentity>> {
    const reset = await this.command(INS.RESET, Buffer.alloc(0), MAX_ATR, isAtr);
    if (!reset.ok) return reset;
    if (isNoCard(reset.value)) return err(cardError('no-card'));
    if (reset.value.sw1 !== 0x90) return err(cardError('card-power-on-failed', swOf(reset.value)));
    const result = await readSocialSecurityCard(this.exchange, reset.value.data, this.ctx.today());
    const readerGone = !result.ok && (result.error.code.startsWith('reader-') || result.error.code === 'card-removed');
    if (!readerGone) await this.command(INS.POWER_OFF, Buffer.alloc(0), 0, (r) => r.data.length === 0);
    return result;
  }

  private readonly exchange: ApduExchange = async (apdu, expect, retry) => {
    const answer = await this.command(INS.EXCHANGE_APDU, apdu, MAX_CARD_RESPONSE, (r) => expect(r.data), retry);
    if (!answer.ok) return answer;
    if (isNoCard(answer.value)) return err(cardError('card-removed'));
    if (answer.value.sw1 !== 0x90) return err(cardError('reader-error', swOf(answer.value)));
    return ok(answer.value.data);
  };

  /** One reader command, retried once when the exchange was lost or garbled. */
  private command(
    ins: number,
    data: Buffer,
    maxResponseData: number,
    expect: (r: Acr30Response) => boolean = () => true,
    retry = true,
  ): Promise<CardResult<Acr30Response>> {
    const request = encodeAcr30Command(ins, data);
    const maxResponseBytes = 2 * (maxResponseData + 7) + 2;
    const timeoutMs = commandTimeoutMs(this.ctx.commandTimeoutMs, this.ctx.baudRate, request.length, maxResponseBytes);
    const accept = (frame: Buffer): boolean => {
      const r = parseAcr30Response(frame);
      return r !== null && (r.sw1 !== 0x90 || expect(r));
    };
    return retryOnce(retry, () =>
      exchangeFrame(this.ctx.transport, request, { timeoutMs, accept }, (frame): Attempt<Acr30Response> => {
        const r = parseAcr30Response(frame)!;
        if (r.sw1 === 0x60) return { ok: false, error: cardError('reader-data-error', swOf(r)), retryable: true };
        if (r.sw1 === 0x67) return { ok: false, error: cardError('reader-command-error', swOf(r)), retryable: false };
        return { ok: true, value: r };
      }),
    );
  }
}
