import { identityFromEVoucher, identityFromTypedId } from '../../../shared/card';
import { BackendError, unwrap } from '../errors';
import { simulatorCardList } from '../reader-simulator';
import type { Runtime } from '../runtime';
import type { Handlers } from './types';

function simulatorView(runtime: Runtime) {
  const slot = runtime.reader.simulator();
  return { active: slot !== null, inserted: slot?.inserted ?? null, cards: slot ? simulatorCardList() : [] };
}

export const cardHandlers = {
  'card.read': async ({ timeoutMs }, { runtime }) => unwrap(await runtime.reader.read(timeoutMs)),
  'card.fromTypedId': ({ certno, name }) => {
    const identity = unwrap(identityFromTypedId(certno));
    return name ? { ...identity, name } : identity;
  },
  'card.fromEVoucher': ({ code }) => unwrap(identityFromEVoucher(code)),
  'card.simulator': (_input, { runtime }) => simulatorView(runtime),
  'card.simulatorInsert': ({ card }, { runtime }) => {
    const slot = runtime.reader.simulator();
    if (!slot) throw new BackendError('reader-not-simulator', '当前使用的是真实读卡器，不能模拟插卡');
    slot.insert(card);
    return simulatorView(runtime);
  },
} satisfies Partial<Handlers>;
