import type { FollowTarget } from '../../follows/follow-target';
import { Button } from '../components/button';
import { ErrorSummary } from '../components/error-summary';
import { Input } from '../components/input';
import { h, SafeHtml } from '../jsx/html';
import type { PageContext } from '../layout/page-context';

/** The posted form's name for each kind of target (hidden field). */
function hiddenField(target: FollowTarget): { name: string; value: string } {
  if ('recommendationId' in target) return { name: 'recommendationId', value: target.recommendationId };
  if ('indicatorId' in target) return { name: 'indicatorId', value: target.indicatorId };
  return { name: 'organizationId', value: target.organizationId };
}

/**
 * "Follow by e-mail": an address and a button, posted to /follow in the page's language (no
 * JavaScript, no cookie: the page stays cacheable; the POST is checked for same origin instead of
 * a token). Shown only when mail is on (the caller decides). `error`: the address was not valid.
 */
export function FollowByEmail(props: { ctx: PageContext; target: FollowTarget; email?: string; error?: string; standalone?: boolean }): SafeHtml {
  const { ctx, email, error } = props;
  const hidden = hiddenField(props.target);
  return (
    <section class="app-follow" aria-labelledby="follow-title">
      {/* A section of a record's page; the page's own heading when shown again with an error. */}
      {props.standalone ? (
        <h1 class="govuk-heading-l" id="follow-title">
          {ctx.t('follow.form.title')}
        </h1>
      ) : (
        <h2 class="govuk-heading-m" id="follow-title">
          {ctx.t('follow.form.title')}
        </h2>
      )}
      <form method="post" action={`/follow?lang=${ctx.locale}`} novalidate>
        <input type="hidden" name={hidden.name} value={hidden.value} />
        <Input
          id="follow-email"
          name="email"
          type="email"
          autocomplete="email"
          spellcheck={false}
          value={email}
          label={{ text: ctx.t('follow.form.email') }}
          hint={{ text: ctx.t('follow.form.hint') }}
          errorMessage={error ? { text: error, visuallyHiddenText: ctx.t('staff.form.errorPrefix') } : undefined}
        />
        <Button text={ctx.t('follow.form.submit')} classes="govuk-button--secondary" />
      </form>
    </section>
  );
}

/** The error summary above a follow form shown again with a bad address. */
export function FollowErrorSummary({ ctx, error }: { ctx: PageContext; error: string }): SafeHtml {
  return <ErrorSummary titleText={ctx.t('errorSummary.title')} errorList={[{ href: '#follow-email', text: error }]} />;
}
