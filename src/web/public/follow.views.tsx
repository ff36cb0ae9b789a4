import type { FollowTarget } from '../../follows/follow-target';
import { Button } from '../components/button';
import { h, SafeHtml } from '../jsx/html';
import { Layout } from '../layout/layout';
import type { PageContext } from '../layout/page-context';
import { FollowByEmail, FollowErrorSummary } from './follow-form';

const NOINDEX = <meta name="robots" content="noindex" />;

/** The follow form again, with the problem of its address (the record's page is a click away). */
export function FollowFormPage(props: { ctx: PageContext; stylesheetHref: string; target: FollowTarget; email: string; error: string }): SafeHtml {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={ctx.t('follow.form.title')} stylesheetHref={props.stylesheetHref} head={NOINDEX}>
      <FollowErrorSummary ctx={ctx} error={props.error} />
      <FollowByEmail ctx={ctx} target={props.target} email={props.email} error={props.error} standalone />
    </Layout>
  );
}

/** The one answer to every follow request, whatever happened: it tells nobody who follows what. */
export function FollowRequestedPage({ ctx, stylesheetHref, days }: { ctx: PageContext; stylesheetHref: string; days: number }): SafeHtml {
  return (
    <Layout ctx={ctx} title={ctx.t('follow.requested.title')} stylesheetHref={stylesheetHref} head={NOINDEX}>
      <h1 class="govuk-heading-l">{ctx.t('follow.requested.title')}</h1>
      <p class="govuk-body" data-follow-requested="">
        {ctx.t('follow.requested.body', { days })}
      </p>
    </Layout>
  );
}

/** What a confirm or unsubscribe page shows: a button (GET changes nothing), the outcome, or why the link fails. */
export interface FollowLinkPageProps {
  ctx: PageContext;
  stylesheetHref: string;
  purpose: 'confirm' | 'unsubscribe';
  /** The followed record in a sentence; null: the link is not valid (any more). */
  record: string | null;
  /** Its public page, for the link after a confirmation. */
  recordPath: string | null;
  done: boolean;
  action: string;
}

export function FollowLinkPage(props: FollowLinkPageProps): SafeHtml {
  const { ctx, purpose, record } = props;
  const title = ctx.t(purpose === 'confirm' ? 'follow.confirm.title' : 'follow.unsubscribe.title');
  return (
    <Layout ctx={ctx} title={title} stylesheetHref={props.stylesheetHref} head={NOINDEX}>
      <h1 class="govuk-heading-l">{title}</h1>
      {record === null ? (
        <p class="govuk-body" data-follow-link="invalid">
          {ctx.t(purpose === 'confirm' ? 'follow.confirm.invalid' : 'follow.unsubscribe.invalid')}
        </p>
      ) : props.done ? (
        <div>
          <p class="govuk-body" data-follow-link="done">
            {purpose === 'confirm' ? ctx.t('follow.confirm.done', { record }) : ctx.t('follow.unsubscribe.done')}
          </p>
          {props.recordPath ? (
            <p class="govuk-body">
              <a class="govuk-link" href={props.recordPath}>
                {ctx.t('follow.openPage')}
              </a>
            </p>
          ) : null}
        </div>
      ) : (
        <form method="post" action={props.action}>
          <p class="govuk-body">{ctx.t(purpose === 'confirm' ? 'follow.confirm.intro' : 'follow.unsubscribe.intro', { record })}</p>
          {purpose === 'unsubscribe' ? <input type="hidden" name="List-Unsubscribe" value="One-Click" /> : null}
          <Button text={ctx.t(purpose === 'confirm' ? 'follow.confirm.button' : 'follow.unsubscribe.button')} />
        </form>
      )}
    </Layout>
  );
}
