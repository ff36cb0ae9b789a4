import request from 'supertest';
import { UsersService } from '../../src/accounts/users.service';
import { Role } from '../../src/auth/role.enum';
import { TestApp } from './test-app';

/** What a browser keeps: its cookies, and the CSRF token of the last form it was shown. */
export class WebSession {
  readonly agent: ReturnType<typeof request.agent>;
  csrf: string | null = null;

  constructor(readonly t: TestApp) {
    this.agent = request.agent(t.app.getHttpServer());
  }

  /** GET a page; remembers the CSRF token of its forms. */
  async get(path: string): Promise<request.Response> {
    const res = await this.agent.get(path);
    this.csrf = csrfOf(res.text) ?? this.csrf;
    return res;
  }

  /** POST a form as the page would (with the remembered CSRF token unless `_csrf` is given). */
  async post(path: string, fields: Record<string, string | string[]> = {}): Promise<request.Response> {
    const body = { _csrf: this.csrf ?? '', ...fields };
    const res = await this.agent.post(path).type('form').send(body);
    this.csrf = csrfOf(res.text) ?? this.csrf;
    return res;
  }

  async signIn(email: string, password: string): Promise<request.Response> {
    await this.get('/sign-in');
    return this.post('/sign-in', { email, password });
  }

  /** The Set-Cookie header's entry for `name`, if the response set it. */
  static cookie(res: request.Response, name: string): string | undefined {
    const header = res.headers['set-cookie'] as unknown as string[] | undefined;
    return header?.find((c) => c.startsWith(`${name}=`));
  }
}

export function csrfOf(html: string): string | null {
  return /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? null;
}

export const PASSWORD = 'a long and memorable passphrase';

/** A user with a password, made through the same service as the admin pages. */
export async function createUser(
  t: TestApp,
  fields: { email: string; role: Role; organizationId?: string | null; displayName?: string; language?: 'ky' | 'ru' | 'en' },
  password = PASSWORD,
): Promise<{ id: string; email: string; password: string }> {
  const users = t.app.get(UsersService);
  const admin = { tokenId: null, name: 'test', role: Role.ADMIN, organizationId: null, requestId: null };
  const { user, link } = await users.invite(
    { email: fields.email, displayName: fields.displayName ?? fields.email.split('@')[0], role: fields.role, organizationId: fields.organizationId ?? null, preferredLanguage: fields.language ?? 'en' },
    admin,
  );
  await users.setPasswordWithLink(secretOf(link.url), password, null);
  return { id: user.id, email: user.email, password };
}

export function secretOf(url: string): string {
  return decodeURIComponent(url.split('/').pop() ?? '');
}
