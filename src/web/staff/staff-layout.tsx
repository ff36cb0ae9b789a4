import { Child, Fragment, h, SafeHtml } from '../jsx/html';
import { CsrfField, ErrorSummary, FieldError, NotificationBanner } from '../layout/components';
import { Layout } from '../layout/layout';
import type { PageContext } from '../layout/page-context';

/**
 * A staff page: the one layout, marked noindex, with the signed-in person's
 * sign-out button above the content, the error summary first in <main> and an
 * optional success banner (the "done" of a Post/Redirect/Get).
 */
export function StaffPage(props: {
  ctx: PageContext;
  stylesheetHref: string;
  title: string;
  errors?: FieldError[];
  success?: string | null;
  backLink?: { href: string; label: string };
  children?: Child;
}): SafeHtml {
  const { ctx } = props;
  const errors = props.errors ?? [];
  const title = errors.length ? ctx.t('staff.titleWithErrors', { title: props.title }) : props.title;
  const beforeMain = (
    <>
      {ctx.signedIn ? (
        <form method="post" action="/sign-out" class="app-sign-out">
          <CsrfField ctx={ctx} />
          <p class="govuk-body-s govuk-!-margin-top-2 govuk-!-margin-bottom-0">
            {ctx.t('staff.signedInAs', { name: ctx.signedIn.displayName })}{' '}
            <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0 govuk-!-margin-left-2">
              {ctx.t('staff.signOut')}
            </button>
          </p>
        </form>
      ) : null}
      {props.backLink ? (
        <a href={props.backLink.href} class="govuk-back-link">
          {props.backLink.label}
        </a>
      ) : null}
    </>
  );
  return (
    <Layout ctx={ctx} title={title} stylesheetHref={props.stylesheetHref} head={<meta name="robots" content="noindex" />} beforeMain={beforeMain}>
      <ErrorSummary ctx={ctx} errors={errors} />
      {props.success ? (
        <NotificationBanner ctx={ctx} kind="success">
          <p class="govuk-notification-banner__heading">{props.success}</p>
        </NotificationBanner>
      ) : null}
      {props.children}
    </Layout>
  );
}
