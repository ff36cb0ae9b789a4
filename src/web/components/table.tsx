import { h, SafeHtml } from '../jsx/html';
import { Attributes, classNames, Common, content, TextOrHtml } from './params';

export interface TableCell extends TextOrHtml {
  /** 'numeric': right-aligned, tabular figures. */
  format?: 'numeric';
  classes?: string;
  colspan?: number;
  rowspan?: number;
  attributes?: Attributes;
}

export interface TableParams extends Common {
  rows: (TableCell[] | null | undefined | false)[];
  head?: TableCell[];
  caption?: string;
  captionClasses?: string;
  firstCellIsHeader?: boolean;
  /**
   * The kit's one addition to govukTable's parameters: attributes for each body row, by index
   * (e.g. `data-code`, which tests and scripts find a recommendation's row by).
   */
  rowAttributes?: (Attributes | undefined)[];
}

/** GOV.UK table (govukTable): every table of the pages. */
export function Table(params: TableParams): SafeHtml {
  return (
    <table class={classNames('govuk-table', params.classes)} {...params.attributes}>
      {params.caption ? <caption class={classNames('govuk-table__caption', params.captionClasses)}>{params.caption}</caption> : null}
      {params.head ? (
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            {params.head.map((item) => (
              <th
                scope="col"
                class={classNames('govuk-table__header', item.format && `govuk-table__header--${item.format}`, item.classes)}
                colspan={item.colspan || undefined}
                rowspan={item.rowspan || undefined}
                {...item.attributes}
              >
                {content(item)}
              </th>
            ))}
          </tr>
        </thead>
      ) : null}
      <tbody class="govuk-table__body">
        {params.rows.map((row, rowIndex) =>
          row ? (
            <tr class="govuk-table__row" {...params.rowAttributes?.[rowIndex]}>
              {row.map((cell, index) =>
                index === 0 && params.firstCellIsHeader ? (
                  <th scope="row" class={classNames('govuk-table__header', cell.classes)} colspan={cell.colspan || undefined} rowspan={cell.rowspan || undefined} {...cell.attributes}>
                    {content(cell)}
                  </th>
                ) : (
                  <td
                    class={classNames('govuk-table__cell', cell.format && `govuk-table__cell--${cell.format}`, cell.classes)}
                    colspan={cell.colspan || undefined}
                    rowspan={cell.rowspan || undefined}
                    {...cell.attributes}
                  >
                    {content(cell)}
                  </td>
                ),
              )}
            </tr>
          ) : null,
        )}
      </tbody>
    </table>
  );
}
