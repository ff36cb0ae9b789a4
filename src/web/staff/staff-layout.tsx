import { Child, Fragment, h, SafeHtml } from '../jsx/html';
import { BackLink } from '../components/back-link';
import { Button } from '../components/button';
import { CsrfField } from '../components/csrf-field';
import { ErrorSummary, ErrorSummaryItem } from '../components/error-summary';
import { NotificationBanner } from '../components/notification-banner';
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
  errors?: ErrorSummaryItem[];
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
            <Button classes="govuk-button--secondary govuk-!-margin-bottom-0 govuk-!-margin-left-2" text={ctx.t('staff.signOut')} />
          </p>
        </form>
      ) : null}
      {props.backLink ? <BackLink href={props.backLink.href} text={props.backLink.label} /> : null}
    </>
  );
  return (
    <Layout ctx={ctx} title={title} stylesheetHref={props.stylesheetHref} head={<meta name="robots" content="noindex" />} beforeMain={beforeMain}>
      {errors.length ? <ErrorSummary titleText={ctx.t('errorSummary.title')} errorList={errors} /> : null}
      {props.success ? <NotificationBanner type="success" titleText={ctx.t('notification.success')} titleId="notification-banner-title" text={props.success} /> : null}
      {props.children}
    </Layout>
  );
}
