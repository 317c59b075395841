/**
 * Shape D (national-platform.md §1, NT2): a bearer token from `/auth/oauth/token` — form data
 * username, password, scope, grant_type=password with `Authorization: Basic base64(clientId:clientSecret)`
 * — kept until shortly before it expires. Errors never carry the credentials.
 */
import { z } from 'zod';
import { bureauError, err, ok, type Result } from './errors';
import { postJson } from './transport';

const tokenAnswerSchema = z.object({ access_token: z.string().min(1), expires_in: z.union([z.number(), z.string()]).optional() });

export interface OAuth2Settings {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  username: string;
  password: string;
  scope: string;
}

export class OAuth2Token {
  private token: { value: string; until: number } | null = null;

  constructor(
    private readonly settings: OAuth2Settings,
    private readonly options: { timeoutMs: number; ca?: string | Buffer; now: () => Date },
  ) {}

  /** Forget the token (the bureau refused it). */
  reset(): void {
    this.token = null;
  }

  async bearer(): Promise<Result<string>> {
    const now = this.options.now().getTime();
    if (this.token && now < this.token.until) return ok(this.token.value);
    const s = this.settings;
    const form = new URLSearchParams({ username: s.username, password: s.password, scope: s.scope, grant_type: 'password' }).toString();
    const basic = Buffer.from(`${s.clientId}:${s.clientSecret}`, 'utf8').toString('base64');
    const posted = await postJson(new URL(s.tokenUrl), form, {
      timeoutMs: this.options.timeoutMs,
      ca: this.options.ca,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: `Basic ${basic}` },
    });
    if (!posted.ok) return posted;
    if (posted.value.status === 401 || posted.value.status === 400)
      return err(bureauError('bureau-auth-refused', `医保平台拒绝了令牌申请（HTTP ${posted.value.status}），请检查 oauth2 的账号配置`));
    if (posted.value.status !== 200) return err(bureauError('bureau-http-error', `医保平台令牌服务返回 HTTP ${posted.value.status}`));
    let answer: z.output<typeof tokenAnswerSchema>;
    try {
      answer = tokenAnswerSchema.parse(JSON.parse(posted.value.body));
    } catch {
      return err(bureauError('bureau-invalid-response', '医保平台令牌服务的应答无法解析'));
    }
    const seconds = Number(answer.expires_in ?? 3600);
    this.token = { value: answer.access_token, until: now + Math.max(0, seconds - 60) * 1000 };
    return ok(answer.access_token);
  }
}
