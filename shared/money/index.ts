export * from './money';
export { toChineseUppercase } from './chinese-uppercase';
