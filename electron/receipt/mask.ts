export { maskIdNumber } from '../../shared/privacy/mask-id';
