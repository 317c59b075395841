import { identityFromEVoucher, identityFromTypedId } from '../../../shared/card';
import { unwrap } from '../errors';
import type { Handlers } from './types';

export const cardHandlers = {
  'card.read': async ({ timeoutMs }, { runtime }) => unwrap(await runtime.reader.read(timeoutMs)),
  'card.fromTypedId': ({ certno, name }) => {
    const identity = unwrap(identityFromTypedId(certno));
    return name ? { ...identity, name } : identity;
  },
  'card.fromEVoucher': ({ code }) => unwrap(identityFromEVoucher(code)),
} satisfies Partial<Handlers>;
