export { startBureauSimulator } from './server';
export { DEMO_PEOPLE } from './demo-people';
export { FAULT_KINDS, type FaultKind } from './faults';
