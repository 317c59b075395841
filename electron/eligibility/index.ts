export { EligibilityResolver, type EligibilityRequest, type EligibilityResult, type EligibilityDeps } from './resolve';
export type * from './types';
