/**
 * The one password rule of the terminal, for every password an operator chooses: used by the
 * contract's auth.changePassword schema (the window's form) and by the ledger's changePassword.
 */
export const PASSWORD_MIN_LENGTH = 8;
/** The demo accounts' first-login password: never acceptable as a chosen one. */
export const DEMO_PASSWORD = '123456';

export type PasswordProblem = 'too-short' | 'letters-and-digits' | 'same-as-username' | 'demo-password' | 'reused';

export const PASSWORD_PROBLEM_MESSAGES: Record<PasswordProblem, string> = {
  'too-short': `新密码至少 ${PASSWORD_MIN_LENGTH} 位`,
  'letters-and-digits': '新密码须同时包含字母和数字',
  'same-as-username': '新密码不能与工号相同',
  'demo-password': `新密码不能是演示密码 ${DEMO_PASSWORD}`,
  reused: '新密码不能与最近 3 次使用过的密码相同',
};

/**
 * What is wrong with a chosen password, or null when it is acceptable (the last-3 rule needs the
 * operator's history: the ledger checks it, `reused`). `username` is compared ignoring case and spaces. */
export function passwordProblem(password: string, username?: string): PasswordProblem | null {
  if (password === DEMO_PASSWORD) return 'demo-password';
  if ([...password].length < PASSWORD_MIN_LENGTH) return 'too-short';
  if (username !== undefined && password.trim().toLowerCase() === username.trim().toLowerCase()) return 'same-as-username';
  if (!/\p{L}/u.test(password) || !/\d/.test(password)) return 'letters-and-digits';
  return null;
}
