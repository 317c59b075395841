export { loadPolicyLibrary, DEFAULT_POLICY_DIR, type LoadPolicyOptions } from './load';
