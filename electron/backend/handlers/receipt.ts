import { ReceiptError } from '../../receipt';
import { BackendError } from '../errors';
import { requireSession } from '../session';
import type { Handlers } from './types';

export const receiptHandlers = {
  'receipt.preview': async ({ settlementId, paper }, { runtime, session }) => {
    const { operator } = requireSession(session);
    let html: string | null;
    try {
      html = await runtime.previewReceipt(settlementId, { id: operator.id, name: operator.name }, runtime.settings, paper ?? runtime.settings.printer.paper);
    } catch (error) {
      if (error instanceof ReceiptError) throw new BackendError(error.code, error.message);
      throw error;
    }
    if (html === null) throw new BackendError('not-found', `找不到结算单：${settlementId}`);
    return { html };
  },
} satisfies Partial<Handlers>;
