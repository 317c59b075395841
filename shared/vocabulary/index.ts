/**
 * The closed word lists a bill and a policy file share: visit types, identities, conditions, line
 * classes and kinds, referrals (rule book §2). Both shared/engine (the bill's schema) and
 * shared/policy (the policy file's schema) build on them, so neither needs the other for these.
 */

export const VISITS = ['inpatient', 'chronic-outpatient', 'outpatient', 'pharmacy'] as const;
export const IDENTITIES = ['extreme-poverty', 'subsistence', 'relapse-risk', 'sudden-hardship', 'registered-poor', 'stable-exit', 'precision-target'] as const;
export const CONDITIONS = ['critical-illness', 'special-chronic', 'long-term-chronic'] as const;
export const LINE_CLASSES = ['A', 'B', 'C'] as const;
export const LINE_KINDS = ['registration', 'diagnosis', 'drug', 'item', 'material'] as const;
export const REFERRALS = ['local', 'referred', 'unreferred'] as const;

export type Visit = (typeof VISITS)[number];
export type Identity = (typeof IDENTITIES)[number];
export type Condition = (typeof CONDITIONS)[number];
export type LineClass = (typeof LINE_CLASSES)[number];
export type Referral = (typeof REFERRALS)[number];
