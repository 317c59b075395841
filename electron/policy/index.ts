export { loadPolicyLibrary, DEFAULT_POLICY_DIR, NATIONAL_FILE, type LoadPolicyOptions } from './load';
