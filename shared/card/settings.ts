import { z } from 'zod';

export const CARD_DRIVERS = ['acr30', 'idcard'] as const;
export type CardDriverName = (typeof CARD_DRIVERS)[number];

/** Line speed each reader family uses out of the box (spec §1, §3). */
export const DEFAULT_BAUD: Record<CardDriverName, number> = { acr30: 9600, idcard: 115200 };

/** The terminal's reader settings, as stored and as edited on the settings screen. */
export const ReaderSettingsSchema = z.object({
  driver: z.enum(CARD_DRIVERS),
  path: z.string().min(1),
  baudRate: z.union([z.literal(9600), z.literal(19200), z.literal(38400), z.literal(57600), z.literal(115200)]).optional(),
  parity: z.enum(['none', 'even', 'odd']).default('none'),
  /** Wait for one reader answer, beyond the time the bytes take on the line. */
  commandTimeoutMs: z.number().int().min(100).max(30_000).default(1500),
  /** How often the reader is asked whether a card is present; 0 turns polling off. */
  pollIntervalMs: z.number().int().min(0).max(60_000).default(1000),
});

export type ReaderSettingsInput = z.input<typeof ReaderSettingsSchema>;
export type ReaderSettings = z.output<typeof ReaderSettingsSchema>;
