import { identityDictionaryView, refreshIdentityDictionary } from '../identity-dictionaries';
import { requireSession } from '../session';
import type { Handlers } from './types';

export const dictionaryHandlers = {
  'dictionary.identities': (_input, { runtime }) => identityDictionaryView(runtime),
  'dictionary.refreshIdentities': (_input, { runtime, session }) => refreshIdentityDictionary(runtime, requireSession(session).operator.id),
} satisfies Partial<Handlers>;
