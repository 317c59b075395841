export { startBureauSimulator } from './server';
export { DEMO_PEOPLE } from './demo-people';
