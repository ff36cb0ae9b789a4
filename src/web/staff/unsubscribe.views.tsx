import { kindName } from '../../notifications/notification-mail';
import { Button } from '../components/button';
import { h, SafeHtml } from '../jsx/html';
import type { PageContext } from '../layout/page-context';
import { StaffPage } from './staff-layout';

/**
 * The page behind a mail's unsubscribe link: a button that POSTs back to the same address (what a
 * mail provider's one-click POST does without it), then what was turned off; or why the link fails.
 */
export function UnsubscribePage(props: { ctx: PageContext; stylesheetHref: string; kind: string | null; done: boolean; action: string }): SafeHtml {
  const { ctx, kind } = props;
  return (
    <StaffPage ctx={ctx} stylesheetHref={props.stylesheetHref} title={ctx.t('unsubscribe.title')}>
      <h1 class="govuk-heading-l">{ctx.t('unsubscribe.title')}</h1>
      {kind === null ? (
        <p class="govuk-body">{ctx.t('unsubscribe.invalid')}</p>
      ) : props.done ? (
        <p class="govuk-body" data-unsubscribed={kind}>
          {ctx.t('unsubscribe.done', { kind: kindName(ctx.t, kind) })}
        </p>
      ) : (
        <form method="post" action={props.action}>
          <p class="govuk-body">{ctx.t('unsubscribe.intro', { kind: kindName(ctx.t, kind) })}</p>
          <input type="hidden" name="List-Unsubscribe" value="One-Click" />
          <Button text={ctx.t('unsubscribe.button')} />
        </form>
      )}
    </StaffPage>
  );
}
