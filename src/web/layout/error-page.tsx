import { ErrorCode } from '../../common/errors/error-codes';
import { h, SafeHtml } from '../jsx/html';
import { Layout } from './layout';
import { PageContext } from './page-context';

const EXPLAINED = new Set<string>([ErrorCode.NOT_FOUND, ErrorCode.BAD_USER_INPUT, ErrorCode.INTERNAL_SERVER_ERROR]);

/** What a visitor sees when a page cannot be shown: the reason in their language and the code. */
export function ErrorPage({ ctx, stylesheetHref, code }: { ctx: PageContext; stylesheetHref: string; code: ErrorCode }): SafeHtml {
  const reason = EXPLAINED.has(code) ? ctx.t(`error.${code}` as 'error.NOT_FOUND') : ctx.t('error.other');
  return (
    <Layout ctx={ctx} title={ctx.t('error.title')} stylesheetHref={stylesheetHref} head={<meta name="robots" content="noindex" />}>
      <h1 class="govuk-heading-l">{ctx.t('error.title')}</h1>
      <p class="govuk-body">{reason}</p>
      <p class="govuk-body" data-error-code={code}>
        {ctx.t('error.code', { code })}
      </p>
      <p class="govuk-body">
        <a class="govuk-link" href="/">
          {ctx.t('error.backHome')}
        </a>
      </p>
    </Layout>
  );
}
