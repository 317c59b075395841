export { parseFault } from './options';
