import type { z } from 'zod';
import type { ApiError } from '../../shared/contract';
import type { Result } from '../../shared/result';

/** An expected failure raised inside a handler; becomes `{ ok: false, error }` unchanged. */
export class BackendError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: ApiError['details'],
  ) {
    super(message);
    this.name = 'BackendError';
  }
}

/** Unwraps a module's `{ ok, value } | { ok: false, error }` or throws it as a BackendError. */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new BackendError(result.error.code, result.error.message);
}

export function issuePath(path: ReadonlyArray<PropertyKey>): string {
  return path.map(String).join('.');
}

/** zod issues → field details with a Chinese message (our schemas carry Chinese messages; zod's defaults do not). */
export function zodDetails(error: z.ZodError): NonNullable<ApiError['details']> {
  return error.issues.slice(0, 20).map((issue) => ({ path: issuePath(issue.path), message: chineseIssue(issue) }));
}

function chineseIssue(issue: z.core.$ZodIssue): string {
  // A message we wrote is Chinese already; zod's own English defaults are replaced.
  if (/[\u4e00-\u9fff]/.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return /received undefined/.test(issue.message) ? '缺少必填项' : `类型错误（应为 ${typeName(issue.expected)}）`;
    case 'unrecognized_keys':
      return `不认识的字段：${issue.keys.join('、')}`;
    case 'too_small':
      return issue.origin === 'string' ? '内容太短或为空' : issue.origin === 'array' ? '条目太少' : '数值太小';
    case 'too_big':
      return issue.origin === 'string' ? '内容太长' : issue.origin === 'array' ? '条目太多' : '数值太大';
    case 'invalid_value':
      return `取值无效（可选：${issue.values.map(String).join('、')}）`;
    case 'invalid_union':
      return '内容不符合任何一种允许的格式';
    case 'invalid_format':
      return '格式错误';
    default:
      return '参数无效';
  }
}

function typeName(expected: string): string {
  const names: Record<string, string> = { string: '文本', number: '数字', boolean: '是/否', object: '对象', array: '列表' };
  return names[expected] ?? expected;
}

export function invalidArgument(error: z.ZodError, what = '参数'): BackendError {
  const details = zodDetails(error);
  const first = details[0];
  const where = first?.path ? `「${first.path}」` : '';
  return new BackendError('invalid-argument', `${what}有误：${where}${first?.message ?? '格式错误'}`, details);
}
