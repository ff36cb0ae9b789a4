import type { ProgressCut } from '../../action-plan/progress-cut';
import { ValueStatus } from '../../action-plan/value-status';
import { h, SafeHtml } from '../jsx/html';
import type { PageContext } from '../layout/page-context';

/**
 * Says as of when a page's figures are: statuses at the end of asOf, values approved by
 * valuesKnownBy (issue 23: every surface shows both dates). The dates are also in data
 * attributes, for scripts that read the page.
 */
export function FiguresCutNote({ ctx, cut }: { ctx: PageContext; cut: ProgressCut }): SafeHtml {
  return (
    <p class="govuk-body-s app-figures-cut" data-as-of={cut.asOf} data-values-known-by={cut.valuesKnownBy} data-value-status={cut.valueStatus}>
      {ctx.t('progress.cutNote', { asOf: ctx.i18n.date(cut.asOf), valuesKnownBy: ctx.i18n.date(cut.valuesKnownBy) })}
      {cut.valueStatus === ValueStatus.SUBMITTED ? <strong> {ctx.t('progress.submittedIncluded')}</strong> : null}
    </p>
  );
}
