export { maskIdNumber } from '../../shared/privacy';
