export { maskIdNumber } from './mask-id';
