import { generateTokenSecret, hashTokenSecret } from '../auth/token-secret';

/** Where a set-password link points; the secret is its last path segment. */
export const SET_PASSWORD_PATH = '/account/set-password';

export function newLinkSecret(): { secret: string; hash: string } {
  const secret = generateTokenSecret();
  return { secret, hash: hashTokenSecret(secret) };
}

export function setPasswordUrl(baseUrl: string, secret: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${SET_PASSWORD_PATH}/${encodeURIComponent(secret)}`;
}
