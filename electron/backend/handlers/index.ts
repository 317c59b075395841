import { authHandlers } from './auth';
import { billHandlers } from './bill';
import { operatorHandlers } from './operators';
import { cardHandlers } from './card';
import { catalogueHandlers } from './catalogue';
import { eligibilityHandlers } from './eligibility';
import { rosterHandlers } from './roster';
import { settingsHandlers } from './settings';
import { dictionaryHandlers } from './dictionary';
import { settlementHandlers } from './settlement';
import { statusHandlers } from './status';
import { receiptHandlers } from './receipt';
import { reportHandlers } from './reports';
import { uploadHandlers } from './upload';
import type { Handlers } from './types';

/** One handler per contract operation; `satisfies` makes a missing or extra one a type error. */
export const handlers = {
  ...authHandlers,
  ...operatorHandlers,
  ...settingsHandlers,
  ...dictionaryHandlers,
  ...cardHandlers,
  ...eligibilityHandlers,
  ...billHandlers,
  ...settlementHandlers,
  ...receiptHandlers,
  ...statusHandlers,
  ...rosterHandlers,
  ...catalogueHandlers,
  ...uploadHandlers,
  ...reportHandlers,
} satisfies Handlers;

export type { Handlers, HandlerContext } from './types';
