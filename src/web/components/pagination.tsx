import { Child, Fragment, h, raw, SafeHtml } from '../jsx/html';
import { Attributes, classNames, Common, content, TextOrHtml } from './params';

export interface PaginationLink extends TextOrHtml {
  href: string;
  labelText?: string;
  attributes?: Attributes;
}

export interface PaginationItem {
  number?: number | string;
  href?: string;
  current?: boolean;
  ellipsis?: boolean;
  visuallyHiddenText?: string;
  attributes?: Attributes;
}

export interface PaginationParams extends Common {
  items?: PaginationItem[];
  previous?: PaginationLink | null;
  next?: PaginationLink | null;
  landmarkLabel?: string;
  /**
   * The kit's one addition to govukPagination's parameters: what stands between the previous
   * and next links of the block kind (the pages' "Page 2 of 5").
   */
  between?: Child;
}

const ARROW_PREV = raw(
  '<svg class="govuk-pagination__icon govuk-pagination__icon--prev" xmlns="http://www.w3.org/2000/svg" height="13" width="15" aria-hidden="true" focusable="false" viewBox="0 0 15 13"><path d="m6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z"></path></svg>',
);
const ARROW_NEXT = raw(
  '<svg class="govuk-pagination__icon govuk-pagination__icon--next" xmlns="http://www.w3.org/2000/svg" height="13" width="15" aria-hidden="true" focusable="false" viewBox="0 0 15 13"><path d="m8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z"></path></svg>',
);

function ArrowLink(props: { link: PaginationLink; type: 'prev' | 'next'; blockLevel: boolean }): SafeHtml {
  const { link, type, blockLevel } = props;
  const arrow = type === 'prev' ? ARROW_PREV : ARROW_NEXT;
  const fallback = (
    <>
      {type === 'prev' ? 'Previous' : 'Next'}
      <span class="govuk-visually-hidden"> page</span>
    </>
  );
  return (
    <div class={`govuk-pagination__${type}`}>
      <a class="govuk-link govuk-pagination__link" href={link.href} rel={type} {...link.attributes}>
        {blockLevel || type === 'prev' ? arrow : null}
        <span class={classNames('govuk-pagination__link-title', blockLevel && !link.labelText && 'govuk-pagination__link-title--decorated')}>
          {link.html || link.text ? content(link) : fallback}
        </span>
        {link.labelText && blockLevel ? (
          <>
            <span class="govuk-visually-hidden">:</span>
            <span class="govuk-pagination__link-label">{link.labelText}</span>
          </>
        ) : null}
        {!blockLevel && type === 'next' ? arrow : null}
      </a>
    </div>
  );
}

/** GOV.UK pagination (govukPagination): plain links, so it works without JavaScript. */
export function Pagination(params: PaginationParams): SafeHtml {
  const blockLevel = !params.items && !!(params.next || params.previous);
  return (
    <nav class={classNames('govuk-pagination', blockLevel && 'govuk-pagination--block', params.classes)} aria-label={params.landmarkLabel || 'Pagination'} {...params.attributes}>
      {params.previous?.href ? <ArrowLink link={params.previous} type="prev" blockLevel={blockLevel} /> : null}
      {params.between}
      {params.items ? (
        <ul class="govuk-pagination__list">
          {params.items.map((item) =>
            item && Object.keys(item).length > 0 ? (
              <li class={classNames('govuk-pagination__item', item.current && 'govuk-pagination__item--current', item.ellipsis && 'govuk-pagination__item--ellipsis')}>
                {item.ellipsis ? (
                  raw('&ctdot;')
                ) : (
                  <a
                    class="govuk-link govuk-pagination__link"
                    href={item.href}
                    aria-label={item.visuallyHiddenText ?? `Page ${item.number}`}
                    aria-current={item.current ? 'page' : undefined}
                    {...item.attributes}
                  >
                    {item.number}
                  </a>
                )}
              </li>
            ) : null,
          )}
        </ul>
      ) : null}
      {params.next?.href ? <ArrowLink link={params.next} type="next" blockLevel={blockLevel} /> : null}
    </nav>
  );
}
