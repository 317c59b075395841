import type { CardError } from './result';

/**
 * Every expected failure of card reading, by stable code. The message is what the cashier reads;
 * `cardError(code, detail)` appends a detail (a status word, a port name) in full-width brackets.
 */
export const CARD_ERROR_MESSAGES = {
  'reader-not-connected': '未连接读卡器，请检查读卡器连线和串口设置',
  'reader-disconnected': '读卡器连接已断开，请检查连线',
  'reader-closed': '读卡器已关闭',
  'reader-timeout': '读卡器无响应，请检查连线',
  'reader-bad-frame': '读卡器通讯数据校验错误，请重试',
  'reader-data-error': '读卡器报告收到的数据有误，请重试',
  'reader-command-error': '读卡器不支持该命令或命令格式错误',
  'reader-error': '读卡器报告错误',
  'no-card': '读卡器内没有卡，请插入社保卡或放置身份证',
  'card-removed': '读卡过程中卡片被移走，请重新插卡后再读',
  'card-power-on-failed': '卡片上电失败，请检查卡片是否插反或已损坏',
  'card-not-ssse': '这张卡没有社会保障应用，不是社保卡',
  'card-file-not-found': '卡内文件未找到',
  'card-record-not-found': '卡内记录未找到',
  'card-needs-psam': '此卡需在配有PSAM卡的读卡器上读取（安全状态不满足）',
  'card-locked': '社保卡应用已锁定，请持卡人到社保经办机构处理',
  'card-error': '卡片返回错误',
  'card-data-invalid': '卡内数据格式不正确',
  'idcard-sam-error': '身份证阅读器安全模块异常',
  'idcard-read-failed': '读取身份证失败，请将身份证重新放置后再读',
  'certno-format': '身份证号码应为18位，前17位为数字，最后一位为数字或X',
  'certno-birth-date': '身份证号码中的出生日期不正确',
  'certno-check-digit': '身份证号码校验位不正确，请核对后重新输入',
  'evoucher-invalid': '医保电子凭证码无效，请重新扫码',
  'readcardbas-invalid': '读卡器返回的社保卡信息格式不正确',
} as const;

export type CardErrorCode = keyof typeof CARD_ERROR_MESSAGES;

export function cardError(code: CardErrorCode, detail?: string): CardError {
  const message = CARD_ERROR_MESSAGES[code];
  return { code, message: detail ? `${message}（${detail}）` : message };
}
