/** What the service prints once it listens: where to open the pages, the API, and the first admin's link. */
export interface StartFacts {
  /** The address people open (PUBLIC_BASE_URL, or http://localhost:PORT). */
  baseUrl: string;
  /** Whether the public pages are served (PUBLIC_SITE). */
  publicSite: boolean;
  /** The file holding the first admin's one-time set-password link, when it exists. */
  firstAdminLinkFile: string | null;
  /** The first admin's email address, named with the link. */
  firstAdminEmail: string;
}

/** The start message, one line each: a newcomer reads where to go next. */
export function startMessage(facts: StartFacts): string[] {
  const base = facts.baseUrl.replace(/\/+$/, '');
  const lines = [`roundtable tracker is running at ${base}/`];
  if (facts.publicSite) lines.push(`public pages: ${base}/`);
  lines.push(`staff sign-in: ${base}/sign-in`, `GraphQL API: ${base}/graphql`);
  if (facts.firstAdminLinkFile) {
    lines.push(`first sign-in: open the one-time link in ${facts.firstAdminLinkFile} to choose the password of ${facts.firstAdminEmail}`);
  }
  return lines;
}
