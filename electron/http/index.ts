export { readBody } from './read-body';
