import { Child, h, SafeHtml } from '../jsx/html';
import { Attributes, classNames, Common, content, TextOrHtml } from './params';

export interface SummaryListAction extends TextOrHtml {
  href: string;
  visuallyHiddenText?: string;
  classes?: string;
  attributes?: Attributes;
}

export interface SummaryListRow {
  classes?: string;
  key: TextOrHtml & { classes?: string };
  value: TextOrHtml & { classes?: string };
  actions?: { items: SummaryListAction[]; classes?: string };
}

export interface SummaryListParams extends Common {
  rows: (SummaryListRow | null | undefined | false)[];
}

function ActionLink({ action }: { action: SummaryListAction }): SafeHtml {
  return (
    <a class={classNames('govuk-link', action.classes)} href={action.href} {...action.attributes}>
      {content(action)}
      {action.visuallyHiddenText ? <span class="govuk-visually-hidden"> {action.visuallyHiddenText}</span> : null}
    </a>
  );
}

/** GOV.UK summary list (govukSummaryList): label and value rows. */
export function SummaryList(params: SummaryListParams): SafeHtml {
  const anyActions = params.rows.some((row) => row && row.actions?.items.length);
  return (
    <dl class={classNames('govuk-summary-list', params.classes)} {...params.attributes}>
      {params.rows.map((row) => {
        if (!row) return null;
        const actions = row.actions?.items ?? [];
        return (
          <div class={classNames('govuk-summary-list__row', anyActions && !actions.length && 'govuk-summary-list__row--no-actions', row.classes)}>
            <dt class={classNames('govuk-summary-list__key', row.key.classes)}>{content(row.key)}</dt>
            <dd class={classNames('govuk-summary-list__value', row.value.classes)}>{content(row.value)}</dd>
            {actions.length ? (
              <dd class={classNames('govuk-summary-list__actions', row.actions?.classes)}>
                {actions.length === 1 ? (
                  <ActionLink action={actions[0]} />
                ) : (
                  <ul class="govuk-summary-list__actions-list">
                    {actions.map((action) => (
                      <li class="govuk-summary-list__actions-list-item">
                        <ActionLink action={action} />
                      </li>
                    ))}
                  </ul>
                )}
              </dd>
            ) : null}
          </div>
        );
      })}
    </dl>
  );
}

/** Label/value pairs as summary list rows, the ones with no value left out (a record's optional facts). */
export function rowsWithValues(pairs: { key: string; value: Child }[]): SummaryListRow[] {
  return pairs
    .filter((pair) => pair.value !== null && pair.value !== undefined && pair.value !== '')
    .map((pair) => ({ key: { text: pair.key }, value: { html: pair.value } }));
}
