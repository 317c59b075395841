export { EligibilityResolver, type EligibilityRequest, type EligibilityResult, type EligibilityDeps } from './resolve';
export type * from './types';
export { mergeIdentityTable, dictionaryKey, KEPT_VERSIONS, type IdentityDictionary } from './identity-dictionary';
export { certificateRuleOf } from './certificate-rule';
