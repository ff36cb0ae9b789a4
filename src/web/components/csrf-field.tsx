import { h, SafeHtml } from '../jsx/html';
import type { PageContext } from '../layout/page-context';

/** The hidden CSRF field every staff form carries (the token comes from the request). */
export function CsrfField({ ctx }: { ctx: PageContext }): SafeHtml {
  if (!ctx.csrfToken) throw new Error('A form was rendered without a CSRF token on the request');
  return <input type="hidden" name="_csrf" value={ctx.csrfToken} />;
}
